using System.Security.Cryptography;
using System.Text.Json;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Nurture;

/// <summary>Publishes a sequence's draft as a new immutable version, once it passes every check.</summary>
public static class PublishSequence
{
    private static readonly JsonSerializerOptions Canonical = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public sealed record Outcome(SequenceVersion? Version, Dictionary<string, string[]> Errors);

    public static async Task<Outcome> HandleAsync(MarketingDbContext db, Sequence sequence, SequenceReferences references, string actor,
        DateTimeOffset now, CancellationToken ct)
    {
        var errors = SequenceRules.Validate(sequence.Draft, references);
        if (errors.Count > 0)
        {
            return new Outcome(null, errors.ToDictionary(e => e.Key.Length == 0 ? "definition" : $"definition.{e.Key}", e => e.Value));
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(sequence.Draft, Canonical);
        var version = new SequenceVersion
        {
            Id = Guid.CreateVersion7(),
            SequenceId = sequence.Id,
            Version = sequence.LatestVersion + 1,
            Definition = JsonSerializer.Deserialize<SequenceDefinition>(json, Canonical)!,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(json)),
            PublishedAt = now,
            PublishedBy = actor,
        };
        db.SequenceVersions.Add(version);
        sequence.LatestVersion = version.Version;
        sequence.UpdatedAt = now;
        if (sequence.Status == SequenceStatuses.Draft)
        {
            sequence.Status = SequenceStatuses.Active;
        }

        await db.SaveChangesAsync(ct);
        return new Outcome(version, []);
    }

    public static async Task<SequenceReferences> ReferencesAsync(MarketingDbContext db, Func<string, string, bool> templateExists, CancellationToken ct)
    {
        var purposes = await db.Purposes.AsNoTracking().ToDictionaryAsync(p => p.Key, ct);
        var forms = (await db.Forms.AsNoTracking().Select(f => f.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        return new SequenceReferences(templateExists, purposes, forms.Contains);
    }
}
