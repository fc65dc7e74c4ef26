using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;
using Marketing.Webhooks;

namespace Marketing.Suppression;

/// <summary>
/// A suppression list from elsewhere, as CSV with a header: <c>address</c> (required), and optional <c>channel</c>,
/// <c>scope</c>, <c>reason</c> (default <c>manual</c>), <c>region</c>. Rows that fail are reported by line; the others
/// are added in one transaction, with one audit entry.
/// </summary>
public static class ImportSuppressions
{
    public sealed record Report(int Added, int AlreadyPresent, IReadOnlyList<Problem> Problems);
    /// <param name="Fields">The columns at fault (<c>address</c>, <c>channel</c>, <c>scope</c>, <c>reason</c>), for a reader to word.</param>
    public sealed record Problem(int Line, string Error, IReadOnlyList<string> Fields);

    public static async Task<Outcome<Report>> HandleAsync(
        MarketingDbContext db, AddressHasher hasher, TimeProvider clock, Stream csvText, string actor, CancellationToken ct)
    {
        var rows = new List<(int Line, AddSuppression.Command Command)>();
        using (var reader = new StreamReader(csvText))
        using (var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(), MissingFieldFound = null }))
        {
            if (!await csv.ReadAsync() || !csv.ReadHeader() || !csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).Contains("address"))
            {
                var header = new RuleErrors();
                header.Set("body", "suppression.header");
                return Refusal.Fields(header);
            }

            while (await csv.ReadAsync())
            {
                rows.Add((csv.Parser.RawRow, new AddSuppression.Command(
                    csv.GetField("address"), Optional(csv, "channel"), Optional(csv, "scope"), Optional(csv, "reason"), Optional(csv, "region"))));
            }
        }

        var problems = new List<Problem>();
        var wanted = new Dictionary<(string, string, string, string), SuppressionEntry>();
        foreach (var (line, command) in rows)
        {
            var errors = new RuleErrors();
            var (hash, channel, scope, reason) = AddSuppression.Check(command, hasher, errors);
            if (errors.Count > 0)
            {
                problems.Add(new Problem(line, string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")), [.. errors.Keys]));
                continue;
            }

            wanted.TryAdd((hash, channel, scope, reason), AddSuppression.NewEntry(hash, channel, scope, reason, $"import:{actor}", clock));
        }

        var hashes = wanted.Keys.Select(k => k.Item1).Distinct().ToList();
        var present = (await db.Suppressions.AsNoTracking().Where(s => hashes.Contains(s.AddressHash)).ToListAsync(ct))
            .Select(s => (s.AddressHash, s.Channel, s.Scope, s.Reason)).ToHashSet();
        var added = wanted.Where(w => !present.Contains(w.Key)).Select(w => w.Value).ToList();
        foreach (var entry in added)
        {
            WebhookOutbox.AddSuppression(db, entry);
        }

        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "suppression.imported", null,
            $"added={added.Count} present={wanted.Count - added.Count} rejected={problems.Count}"));
        await db.SaveChangesAsync(ct);
        return new Report(added.Count, wanted.Count - added.Count, problems);
    }

    private static string? Optional(CsvReader csv, string name) =>
        csv.HeaderRecord!.Any(h => h.Trim().Equals(name, StringComparison.OrdinalIgnoreCase)) && csv.GetField(name) is { Length: > 0 } v ? v.Trim() : null;
}
