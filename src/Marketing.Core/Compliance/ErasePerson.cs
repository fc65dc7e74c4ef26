using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Common;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Sending;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Marketing.Webhooks;

namespace Marketing.Compliance;

/// <summary>A store outside the engine's database that may hold a person's identifiers (job storage in its own file, the mail outbox).</summary>
public interface IPersonalDataStore
{
    string Name { get; }

    /// <summary>Removes or replaces the identifiers; returns the rows or files changed.</summary>
    Task<int> ScrubAsync(IReadOnlyList<string> identifiers, CancellationToken ct);

    Task<IReadOnlyList<ScanHit>> ScanAsync(IReadOnlyList<string> identifiers, CancellationToken ct);
}

/// <summary>What an erasure needs besides the database: the clock, the suppression key, and the stores outside the database.</summary>
public sealed record ErasureServices(TimeProvider Clock, AddressHasher Hasher, IReadOnlyList<IPersonalDataStore> Stores);

/// <summary>The person, the ground and who asks; the cookie-banner consent ids the person gave, when they did.</summary>
public sealed record ErasureRequest(Guid PersonId, string? Ground, string Actor, IReadOnlyList<string>? CookieConsentIds = null);

/// <summary>What an erasure removed or anonymised per table, what it kept under legal hold, and what the scan found after it.</summary>
public sealed record ErasureReport(
    Guid ErasureId, Guid PersonId, DateTimeOffset At, string Ground, string Actor,
    IReadOnlyDictionary<string, int> Counts, int Held, bool ScanClean, string ScanResult, IReadOnlyList<string> LedgerProblems);

/// <summary>Art. 17 GDPR's grounds, as the erasure records them.</summary>
public static class ErasureGrounds
{
    public const string ConsentWithdrawn = "consent_withdrawn";
    public const string Objection = "objection";
    public const string NoLongerNecessary = "no_longer_necessary";
    public const string UnlawfulProcessing = "unlawful_processing";
    public const string LegalObligation = "legal_obligation";
    /// <summary>The retention period ended (R40).</summary>
    public const string RetentionExpired = "retention_expired";

    public static IReadOnlyList<string> All { get; } = [ConsentWithdrawn, Objection, NoLongerNecessary, UnlawfulProcessing, LegalObligation, RetentionExpired];
}

public sealed class ErasureRefusedException(Refusal refusal) : InvalidOperationException($"The erasure was refused: {refusal}")
{
    public Refusal Refusal { get; } = refusal;
}

/// <summary>
/// Erases a person (R38, invariant 8): every identifier and free-text field about them goes from every table, the
/// keyed-hash suppression rows stay so they are never contacted again (R34), their ledger events become tombstones
/// that still verify (R15, ADR 16), records under a legal hold move to the restricted archive, and a scan of every
/// text column of every table says whether anything is left.
/// </summary>
public static partial class ErasePerson
{
    /// <summary>The tables an erasure does not scrub by text: the ledger (tombstoned instead), the archive and the erasure's own records.</summary>
    private static readonly HashSet<string> NotScrubbed = ["consent_events", "restricted_records", "erasures", "suppressions", "__EFMigrationsHistory"];
    /// <summary>The archive keeps held records on purpose; the scan reports them as held, not found.</summary>
    private static readonly HashSet<string> NotScanned = ["restricted_records"];

    [GeneratedRegex("^[A-Za-z0-9-]{16,64}$")]
    private static partial Regex ConsentIdPattern();

    public static async Task<ErasureReport> HandleAsync(MarketingDbContext db, ErasureServices services, Guid personId, string ground, string actor, CancellationToken ct)
    {
        var outcome = await TryAsync(db, services, new ErasureRequest(personId, ground, actor), ct);
        return outcome.Refusal is null ? outcome.Value : throw new ErasureRefusedException(outcome.Refusal);
    }

    public static async Task<Outcome<ErasureReport>> TryAsync(MarketingDbContext db, ErasureServices services, ErasureRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Ground is null || !ErasureGrounds.All.Contains(request.Ground))
        {
            errors["ground"] = [$"must be one of: {string.Join(", ", ErasureGrounds.All)}"];
        }

        if (request.CookieConsentIds?.Any(id => id is null || !ConsentIdPattern().IsMatch(id)) == true)
        {
            errors["cookieConsentIds"] = ["each must be a consent id from the banner's cookie: 16 to 64 letters, digits or hyphens"];
        }

        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        var person = await db.People.FirstOrDefaultAsync(p => p.Id == request.PersonId, ct);
        if (person is null)
        {
            return new Refusal.NotFound();
        }

        if (person.ErasedAt is { } erasedAt)
        {
            return new Refusal.Conflict("This person is already erased.", $"Erased at {erasedAt:O}.");
        }

        return await EraseAsync(db, services, person, request.Ground!, request.Actor, request.CookieConsentIds ?? [], ct);
    }

    private static async Task<ErasureReport> EraseAsync(
        MarketingDbContext db, ErasureServices services, Person person, string ground, string actor, IReadOnlyList<string> cookieConsentIds, CancellationToken ct)
    {
        var now = services.Clock.GetUtcNow();
        var id = person.Id;
        var events = await db.ConsentEvents.AsNoTracking().Where(e => e.PersonId == id).OrderBy(e => e.Sequence).ToListAsync(ct);
        // Every address the person was known by: today's, and the ones their ledger events name.
        var addresses = new[] { person.Email, person.Phone }.Concat(events.Where(e => e.ErasedAt is null).Select(e => e.Identifier))
            .Where(a => !string.IsNullOrEmpty(a) && a != LedgerHash.ErasedIdentifier).Select(a => a!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var hashes = addresses.Select(services.Hasher.HashNormalized).ToList();
        var name = PersonNames.Display(person.Attributes);
        var scanFor = name is { Length: >= 4 } ? [.. addresses, name] : addresses;

        var counts = new Dictionary<string, int>();
        var problems = new List<string>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var held = await ArchiveHeldAsync(db, id, now, ct);

        // R34: the keyed hash outlives the address, so the person is never mailed or texted again.
        foreach (var hash in hashes)
        {
            if (!await db.Suppressions.AnyAsync(s => s.AddressHash == hash && s.Channel == SuppressionEntry.AnyChannel
                && s.Scope == SuppressionEntry.AnyPurpose && s.Reason == SuppressionReasons.Erasure, ct))
            {
                WebhookOutbox.AddSuppression(db, new SuppressionEntry
                {
                    Id = Guid.CreateVersion7(), AddressHash = hash, Channel = SuppressionEntry.AnyChannel,
                    Scope = SuppressionEntry.AnyPurpose, Reason = SuppressionReasons.Erasure, Source = "erasure", CreatedAt = now,
                }, id);
            }
        }

        counts["suppressions (kept as keyed hashes)"] = hashes.Count;
        counts["consent_states"] = await db.ConsentStates.Where(s => s.PersonId == id).ExecuteDeleteAsync(ct);
        counts["doi_requests"] = await db.DoubleOptInRequests.Where(r => r.PersonId == id).ExecuteDeleteAsync(ct);
        counts["submissions"] = await db.Submissions.Where(s => s.PersonId == id).ExecuteDeleteAsync(ct);
        counts["enrolments"] = await db.Enrolments.Where(e => e.PersonId == id).ExecuteDeleteAsync(ct);
        counts["sms_replies"] = await db.SmsReplies.Where(r => r.PersonId == id).ExecuteDeleteAsync(ct);
        counts["purchases"] = await db.Purchases.Where(p => p.PersonId == id).ExecuteDeleteAsync(ct);
        counts["delivery_feedback"] = await db.DeliveryFeedback.Where(f => hashes.Contains(f.AddressHash)).ExecuteDeleteAsync(ct);
        counts["cookie_consent_records"] = cookieConsentIds.Count == 0 ? 0
            : await db.CookieConsentRecords.Where(r => cookieConsentIds.Contains(r.ConsentId)).ExecuteDeleteAsync(ct);
        // Withdrawal wins (invariant 4): what was still waiting to go is blocked, and every record keeps its decision but no content.
        await db.SendRecords.Where(r => r.PersonId == id && r.Status == SendStatuses.Queued)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, SendStatuses.Blocked).SetProperty(r => r.DecisionReason, "erased"), ct);
        var empty = new Dictionary<string, string>();
        counts["send_records"] = await db.SendRecords.Where(r => r.PersonId == id)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Data, empty).SetProperty(r => r.LastError, (string?)null).SetProperty(r => r.Reference, (string?)null), ct);

        // R15: each event becomes a tombstone that still verifies. A version-1 event already broken keeps its break visible.
        problems.AddRange(await LedgerTombstones.WriteAsync(db, events, now, ct));

        counts["consent_events (tombstoned)"] = events.Count;
        person.Email = null;
        // R38: the id another system knows the person by leads back to them as surely as their address.
        person.ExternalId = null;
        person.Phone = null;
        person.Attributes = [];
        person.Locale = null;
        person.TimeZone = null;
        person.Country = null;
        person.ErasedAt = now;
        person.UpdatedAt = now;
        person.RowVersion++;
        counts["people"] = 1;
        await db.SaveChangesAsync(ct);

        // Whatever else still names them (audit details, job storage on PostgreSQL, a table added later) is found by text.
        var connection = db.Database.GetDbConnection();
        var dbTransaction = transaction.GetDbTransaction();
        counts["other rows (identifiers replaced)"] = addresses.Count == 0 ? 0
            : await TextColumns.ScrubAsync(connection, dbTransaction, "database", addresses, NotScrubbed, ct);
        foreach (var store in services.Stores)
        {
            counts[store.Name] = addresses.Count == 0 ? 0 : await store.ScrubAsync(addresses, ct);
        }

        var found = scanFor.Count == 0 ? [] : await TextColumns.ScanAsync(connection, dbTransaction, "database", scanFor, NotScanned, ct);
        foreach (var store in services.Stores)
        {
            found.AddRange(scanFor.Count == 0 ? [] : await store.ScanAsync(scanFor, ct));
        }

        var result = found.Count == 0 ? ErasureScan.NoneFound : "found: " + string.Join("; ", found);
        var erasure = new Erasure
        {
            Id = Guid.CreateVersion7(), PersonId = id, At = now, Actor = actor, Ground = ground, Counts = counts, Held = held,
            ScanResult = result.Length > 4000 ? result[..4000] : result, ScanClean = found.Count == 0,
        };
        db.Erasures.Add(erasure);
        WebhookOutbox.PersonErased(db, id, erasure.Id, now);
        // R38, Art. 19: each processor is to be told; the duty is recorded with the erasure.
        counts["processor_notices"] = await NotifyProcessors.RecordAsync(db, services.Clock, id, ProcessorNoticeReasons.Erasure, erasure.Id, actor, ct);
        db.AuditEntries.Add(AuditEntry.Create(services.Clock, actor, "person.erased", id.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"ground={ground} held={held} scan={(found.Count == 0 ? "none found" : $"{found.Count} columns")} ") +
            string.Join(' ', counts.Select(c => $"{c.Key.Split(' ')[0]}={c.Value}"))));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ErasureReport(erasure.Id, id, now, ground, actor, counts, held, erasure.ScanClean, erasure.ScanResult, problems);
    }

    /// <summary>Copies the records under an active legal hold into the restricted archive, with the hold's ground (R38).</summary>
    private static async Task<int> ArchiveHeldAsync(MarketingDbContext db, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        var held = 0;
        foreach (var hold in await db.LegalHolds.AsNoTracking().Where(h => h.PersonId == id && h.ReleasedAt == null).ToListAsync(ct))
        {
            IEnumerable<(Guid Id, object Row)> rows = hold.RecordKind switch
            {
                HeldRecordKinds.Purchase => (await db.Purchases.AsNoTracking().Where(p => p.PersonId == id && (hold.RecordId == null || p.Id == hold.RecordId)).ToListAsync(ct)).Select(p => (p.Id, (object)p)),
                HeldRecordKinds.SendRecord => (await db.SendRecords.AsNoTracking().Where(r => r.PersonId == id && (hold.RecordId == null || r.Id == hold.RecordId)).ToListAsync(ct)).Select(r => (r.Id, (object)r)),
                HeldRecordKinds.ConsentProof => (await db.ConsentEvents.AsNoTracking().Where(e => e.PersonId == id && e.ErasedAt == null && (hold.RecordId == null || e.Id == hold.RecordId)).ToListAsync(ct)).Select(e => (e.Id, (object)e)),
                HeldRecordKinds.Submission => (await db.Submissions.AsNoTracking().Where(s => s.PersonId == id && (hold.RecordId == null || s.Id == hold.RecordId)).ToListAsync(ct)).Select(s => (s.Id, (object)s)),
                _ => [],
            };
            foreach (var (recordId, row) in rows)
            {
                if (await db.RestrictedRecords.AnyAsync(r => r.RecordKind == hold.RecordKind && r.RecordId == recordId, ct))
                {
                    continue;
                }

                db.RestrictedRecords.Add(new RestrictedRecord
                {
                    Id = Guid.CreateVersion7(), HoldId = hold.Id, PersonId = id, RecordKind = hold.RecordKind, RecordId = recordId,
                    Ground = hold.Ground, Content = JsonSerializer.Serialize(row, JsonColumn.Options), ArchivedAt = now,
                });
                held++;
            }
        }

        return held;
    }
}

public static class ErasureScan
{
    public const string NoneFound = "none found";
}
