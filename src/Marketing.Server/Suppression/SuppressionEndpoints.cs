using System.Globalization;
using System.Security.Claims;
using CsvHelper;
using CsvHelper.Configuration;
using Marketing.Access;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Marketing.Suppression;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Suppression;

/// <summary>
/// The suppression list for the admin API (R33). It holds hashes only; reading it is for the DPO and admins,
/// never an audience. Unsubscribes cannot be removed here: only a new consent confirmed by double opt-in lifts them.
/// </summary>
public static class SuppressionEndpoints
{
    public sealed record EntryView(Guid Id, string AddressHash, string Channel, string Scope, string Reason, string Source, DateTimeOffset CreatedAt);
    public sealed record AddRequest(string? Address, string? Channel, string? Scope, string? Reason, string? Region);
    public sealed record ImportReport(int Added, int AlreadyPresent, IReadOnlyList<ImportProblem> Problems);
    public sealed record ImportProblem(int Line, string Error);

    private static readonly string[] SuppressibleChannels = [Channels.Email, Channels.Sms, SuppressionEntry.AnyChannel];

    public static RouteGroupBuilder MapSuppressionAdmin(this RouteGroupBuilder admin)
    {
        var list = admin.MapGroup("/suppressions").WithTags("Suppression");
        list.MapGet("/", ListAsync).RequireAuthorization(AccessPolicies.Compliance);
        list.MapPost("/", AddAsync).RequireAuthorization(AccessPolicies.Admin);
        list.MapDelete("/{id:guid}", RemoveAsync).RequireAuthorization(AccessPolicies.Admin);
        list.MapPost("/import", ImportAsync).RequireAuthorization(AccessPolicies.Admin).AcceptsBody("text/csv");
        return admin;
    }

    private static async Task<Ok<List<EntryView>>> ListAsync(MarketingDbContext db, string? reason, string? address, string? region,
        AddressHasher hasher, int? skip, int? take, CancellationToken ct)
    {
        var query = db.Suppressions.AsNoTracking();
        if (reason is not null)
        {
            query = query.Where(s => s.Reason == reason);
        }

        if (address is not null)
        {
            var hash = hasher.TryHash(address, region ?? "FR", out var h) ? h : "-";
            query = query.Where(s => s.AddressHash == hash);
        }

        var entries = await query.OrderByDescending(s => s.CreatedAt).Skip(Math.Max(0, skip ?? 0)).Take(Math.Clamp(take ?? 100, 1, 1000))
            .Select(s => new EntryView(s.Id, s.AddressHash, s.Channel, s.Scope, s.Reason, s.Source, s.CreatedAt)).ToListAsync(ct);
        return TypedResults.Ok(entries);
    }

    private static async Task<Results<Created<EntryView>, Ok<EntryView>, ValidationProblem>> AddAsync(
        AddRequest? request, MarketingDbContext db, AddressHasher hasher, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var (hash, channel, scope, reason) = Check(request ?? new AddRequest(null, null, null, null, null), hasher, errors, "");
        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        var existing = await db.Suppressions.AsNoTracking().SingleOrDefaultAsync(
            s => s.AddressHash == hash && s.Channel == channel && s.Scope == scope && s.Reason == reason, ct);
        if (existing is not null)
        {
            return TypedResults.Ok(ToView(existing));
        }

        var entry = NewEntry(hash, channel, scope, reason, $"admin:{user.Actor()}", clock);
        db.Suppressions.Add(entry);
        db.AuditEntries.Add(AuditEntry.Create(clock, user.Actor(), "suppression.added", entry.Id.ToString(), $"{reason} {channel}/{scope}"));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/admin/suppressions/{entry.Id}", ToView(entry));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> RemoveAsync(
        Guid id, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var entry = await db.Suppressions.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (entry is null)
        {
            return TypedResults.NotFound();
        }

        if (entry.Reason == SuppressionReasons.Unsubscribe)
        {
            return TypedResults.Problem(title: "An unsubscribe cannot be removed.", statusCode: StatusCodes.Status409Conflict,
                detail: "Only a new consent for that purpose, confirmed by double opt-in, lifts an unsubscribe (R16, R20).");
        }

        db.Suppressions.Remove(entry);
        db.AuditEntries.Add(AuditEntry.Create(clock, user.Actor(), "suppression.removed", entry.Id.ToString(), $"{entry.Reason} {entry.Channel}/{entry.Scope} {entry.AddressHash}"));
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// A CSV with a header: <c>address</c> (required), and optional <c>channel</c>, <c>scope</c>, <c>reason</c>
    /// (default <c>manual</c>), <c>region</c>. Rows that fail are reported by line; the others are added in one transaction.
    /// </summary>
    private static async Task<Results<Ok<ImportReport>, ValidationProblem>> ImportAsync(
        HttpRequest http, MarketingDbContext db, AddressHasher hasher, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (http.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Problems.Field("body", "send the list as text/csv with a header line: address[,channel,scope,reason,region]");
        }

        var rows = new List<(int Line, AddRequest Request)>();
        using (var reader = new StreamReader(http.Body))
        using (var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(), MissingFieldFound = null }))
        {
            if (!await csv.ReadAsync() || !csv.ReadHeader() || !csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).Contains("address"))
            {
                return Problems.Field("body", "the first line must be a header naming at least the column 'address'");
            }

            while (await csv.ReadAsync())
            {
                rows.Add((csv.Parser.RawRow, new AddRequest(csv.GetField("address"), Optional(csv, "channel"), Optional(csv, "scope"), Optional(csv, "reason"), Optional(csv, "region"))));
            }
        }

        var problems = new List<ImportProblem>();
        var wanted = new Dictionary<(string, string, string, string), SuppressionEntry>();
        foreach (var (line, request) in rows)
        {
            var errors = new Dictionary<string, string[]>();
            var (hash, channel, scope, reason) = Check(request, hasher, errors, "");
            if (errors.Count > 0)
            {
                problems.Add(new ImportProblem(line, string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"))));
                continue;
            }

            wanted.TryAdd((hash, channel, scope, reason), NewEntry(hash, channel, scope, reason, $"import:{user.Actor()}", clock));
        }

        var hashes = wanted.Keys.Select(k => k.Item1).Distinct().ToList();
        var present = (await db.Suppressions.AsNoTracking().Where(s => hashes.Contains(s.AddressHash)).ToListAsync(ct))
            .Select(s => (s.AddressHash, s.Channel, s.Scope, s.Reason)).ToHashSet();
        var added = wanted.Where(w => !present.Contains(w.Key)).Select(w => w.Value).ToList();
        db.Suppressions.AddRange(added);
        db.AuditEntries.Add(AuditEntry.Create(clock, user.Actor(), "suppression.imported", null,
            $"added={added.Count} present={wanted.Count - added.Count} rejected={problems.Count}"));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ImportReport(added.Count, wanted.Count - added.Count, problems));
    }

    private static string? Optional(CsvReader csv, string name) =>
        csv.HeaderRecord!.Any(h => h.Trim().Equals(name, StringComparison.OrdinalIgnoreCase)) && csv.GetField(name) is { Length: > 0 } v ? v.Trim() : null;

    private static (string Hash, string Channel, string Scope, string Reason) Check(AddRequest request, AddressHasher hasher, Dictionary<string, string[]> errors, string prefix)
    {
        var hash = "";
        if (string.IsNullOrWhiteSpace(request.Address) || !hasher.TryHash(request.Address, request.Region ?? "FR", out hash))
        {
            errors[$"{prefix}address"] = ["must be an email address or a phone number (international, or national with 'region')"];
        }

        var channel = request.Channel ?? SuppressionEntry.AnyChannel;
        if (!SuppressibleChannels.Contains(channel))
        {
            errors[$"{prefix}channel"] = ["must be email, sms or *"];
        }

        var scope = request.Scope ?? SuppressionEntry.AnyPurpose;
        if (scope != SuppressionEntry.AnyPurpose && !PurposeRules.IsValidKey(scope))
        {
            errors[$"{prefix}scope"] = ["must be a purpose key or *"];
        }

        var reason = request.Reason ?? SuppressionReasons.Manual;
        if (!SuppressionReasons.All.Contains(reason))
        {
            errors[$"{prefix}reason"] = [$"must be one of: {string.Join(", ", SuppressionReasons.All)}"];
        }

        return (hash, channel, scope, reason);
    }

    private static SuppressionEntry NewEntry(string hash, string channel, string scope, string reason, string source, TimeProvider clock) => new()
    {
        Id = Guid.CreateVersion7(), AddressHash = hash, Channel = channel, Scope = scope, Reason = reason,
        Source = source.Length > 120 ? source[..120] : source, CreatedAt = clock.GetUtcNow(),
    };

    private static EntryView ToView(SuppressionEntry s) => new(s.Id, s.AddressHash, s.Channel, s.Scope, s.Reason, s.Source, s.CreatedAt);
}
