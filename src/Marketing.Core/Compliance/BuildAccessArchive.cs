using System.Globalization;
using Marketing.Access;
using Marketing.Common;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>
/// The answer to an access or a portability request, as one streamed ZIP with a manifest of SHA-256 hashes like E1's
/// (R37, GDPR arts 15 and 20). Access: the profile, the consents in E1 form, every send with the gate's decision, the
/// clicks, the person's requests, where the person came from (each submission), the recipients of the data, and how
/// long each purpose keeps it. Portability: only what the person provided, as JSON. The generation time and the
/// manifest's hash are logged on the ticket.
/// </summary>
public static class BuildAccessArchive
{
    /// <summary>The ticket whose archive may be built, or why none can be.</summary>
    public static async Task<Outcome<DataSubjectRequest>> PrepareAsync(MarketingDbContext db, Guid requestId, CancellationToken ct)
    {
        if (await db.DataSubjectRequests.AsNoTracking().SingleOrDefaultAsync(t => t.Id == requestId, ct) is not { } ticket)
        {
            return new Refusal.NotFound();
        }

        return ticket.Type is not (RequestTypes.Access or RequestTypes.Portability)
            ? new Refusal.Conflict(RequestProblems.Describe(RequestProblems.NotAnArchiveRequest))
            : ticket.Status == RequestStatuses.AwaitingConfirmation
            ? new Refusal.Conflict(RequestProblems.Describe(RequestProblems.NotOpen))
            : ticket.PersonId is null || !await db.People.AnyAsync(p => p.Id == ticket.PersonId, ct)
            ? new Refusal.Conflict(RequestProblems.Describe(RequestProblems.NoPersonForArchive))
            : ticket;
    }

    /// <param name="recipients">Who receives the person's data besides the controller: the processors of the configured channels (R43).</param>
    /// <returns>The written files, with their hashes; the ticket records the time and the manifest's hash.</returns>
    public static async Task<IReadOnlyList<WrittenFile>> HandleAsync(MarketingDbContext db, TimeProvider clock, DataSubjectRequest ticket, Stream output,
        IReadOnlyList<string> recipients, string actor, CancellationToken ct)
    {
        var personId = ticket.PersonId!.Value;
        var generatedAt = clock.GetUtcNow();
        var portability = ticket.Type == RequestTypes.Portability;
        IReadOnlyList<ExportFile> files = portability
            ? [ZipExport.Json("provided.json", token => ProvidedAsync(db, personId, token))]
            : AccessFiles(db, ticket, personId, recipients);
        var written = new List<WrittenFile>();
        var outcome = "aborted";
        string? manifestHash = null;
        try
        {
            manifestHash = await ZipExport.WriteAsync(output, files, done => new
            {
                export = portability ? "R37 portability archive" : "R37 access archive",
                requestId = ticket.Id,
                personId,
                generatedAt,
                generatedBy = actor,
                files = done.Select(w => new { name = w.Name, rows = w.Rows, sha256 = w.Sha256 }),
            }, written, ct);
            outcome = "completed";
        }
        finally
        {
            await LogAsync(db, clock, ticket.Id, generatedAt, outcome, manifestHash, written.Count, actor);
        }

        return written;
    }

    private static async Task LogAsync(MarketingDbContext db, TimeProvider clock, Guid requestId, DateTimeOffset generatedAt, string outcome,
        string? manifestHash, int files, string actor)
    {
        db.ChangeTracker.Clear();
        var stored = await db.DataSubjectRequests.SingleAsync(t => t.Id == requestId, CancellationToken.None);
        var detail = string.Create(CultureInfo.InvariantCulture, $"{outcome} files={files} manifest sha256={manifestHash} generated={generatedAt:O}");
        if (outcome == "completed")
        {
            stored.ArchiveGeneratedAt = generatedAt;
            stored.ArchiveSha256 = manifestHash;
        }

        db.DataSubjectRequestEvents.Add(DataSubjectRequestEvent.Create(requestId, clock.GetUtcNow(), actor, "archive_generated", detail));
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "dsr.archive_generated", requestId.ToString(), detail));
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static ExportFile[] AccessFiles(MarketingDbContext db, DataSubjectRequest ticket, Guid personId, IReadOnlyList<string> recipients)
    {
        var filter = new ProofFilter(personId, null, null, null, null);
        return
        [
            ZipExport.Json("profile.json", token => ProfileAsync(db, personId, token)),
            new("consent-proof.json", (s, token) => ProofFiles.WriteAsync(ProofFiles.Json, ConsentProof.StreamAsync(db, filter, token), s, token)),
            new("consent-proof.csv", (s, token) => ProofFiles.WriteAsync(ProofFiles.Csv, ConsentProof.StreamAsync(db, filter, token), s, token)),
            new("sends.json", (s, token) => ProofFiles.WriteAsync(ProofFiles.Json, ConsentProof.StreamSendsAsync(db, filter, token), s, token)),
            new("sends.csv", (s, token) => ProofFiles.WriteAsync(ProofFiles.Csv, ConsentProof.StreamSendsAsync(db, filter, token), s, token)),
            new("clicks.json", (s, token) => ProofFiles.WriteAsync(ProofFiles.Json, ClicksAsync(db, personId, token), s, token)),
            ZipExport.Json("requests.json", token => RequestsAsync(db, personId, ticket.Email, token)),
            ZipExport.Json("source.json", token => SourceAsync(db, personId, token)),
            ZipExport.Json("recipients.json", _ => Task.FromResult<object>(new { recipients })),
            ZipExport.Json("retention.json", token => RetentionAsync(db, personId, token)),
        ];
    }

    /// <summary>
    /// Clicks are recorded only on links that were tracked, and links are tracked only for people who consented to click
    /// tracking (R31): every click stored is one the person consented to.
    /// </summary>
    private static IAsyncEnumerable<object> ClicksAsync(MarketingDbContext db, Guid personId, CancellationToken ct) =>
        db.SendRecords.AsNoTracking().Where(s => s.PersonId == personId && s.Recipient == SendRecipients.Person && s.ClickedAt != null)
            .OrderBy(s => s.ClickedAt)
            .Select(s => (object)new { sendId = s.Id, template = s.TemplateKey, purpose = s.PurposeKey, clickedAtUtc = s.ClickedAt })
            .AsAsyncEnumerable();

    private static async Task<object> ProfileAsync(MarketingDbContext db, Guid personId, CancellationToken ct)
    {
        var p = await db.People.AsNoTracking().SingleAsync(p => p.Id == personId, ct);
        return new
        {
            p.Id, p.Email, p.Phone, p.Attributes, p.Locale, p.TimeZone, p.Country, p.Business, p.Regime, p.Source,
            createdAtUtc = p.CreatedAt, updatedAtUtc = p.UpdatedAt,
        };
    }

    /// <summary>R37: the source of the data when it was not collected from the person; here, each form submission that named them.</summary>
    private static async Task<object> SourceAsync(MarketingDbContext db, Guid personId, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == personId, ct);
        var submissions = await db.Submissions.AsNoTracking().Where(s => s.PersonId == personId).OrderBy(s => s.ReceivedAt)
            .Select(s => new { s.Id, s.FormId, s.FormVersion, receivedAtUtc = s.ReceivedAt, s.PageUrl, s.Referrer, s.Utm, s.IpAddress, s.UserAgent, s.Identity })
            .ToListAsync(ct);
        return new
        {
            source = person.Source,
            // The engine has no import batches yet: every person comes from a form or the API.
            importBatch = (string?)null,
            submissions,
        };
    }

    private static async Task<object> RequestsAsync(MarketingDbContext db, Guid personId, string? email, CancellationToken ct)
    {
        var tickets = await db.DataSubjectRequests.AsNoTracking()
            .Where(t => t.PersonId == personId || (email != null && t.Email == email)).OrderBy(t => t.SubmittedAt).ToListAsync(ct);
        var ids = tickets.Select(t => t.Id).ToList();
        var events = (await db.DataSubjectRequestEvents.AsNoTracking().Where(e => ids.Contains(e.RequestId)).ToListAsync(ct))
            .OrderBy(e => e.At).ToLookup(e => e.RequestId);
        return tickets.Select(t => new
        {
            t.Id, t.Type, t.Channel, t.Status, submittedAtUtc = t.SubmittedAt, receivedAtUtc = t.ReceivedAt, dueAtUtc = t.DueAt,
            t.IdentityMethod, extendedAtUtc = t.ExtendedAt, t.ExtensionReason, closedAtUtc = t.ClosedAt, t.Outcome, t.OutcomeReason,
            history = events[t.Id].Select(e => new { atUtc = e.At, e.Action, e.Detail }),
        }).ToList();
    }

    /// <summary>How long each purpose the person has a consent for keeps their data: its retention counted from the last consent event.</summary>
    private static async Task<object> RetentionAsync(MarketingDbContext db, Guid personId, CancellationToken ct)
    {
        var states = await db.ConsentStates.AsNoTracking().Where(s => s.PersonId == personId)
            .Join(db.Purposes.AsNoTracking(), s => s.PurposeId, p => p.Id, (s, p) => new { p.Key, p.Names, p.RetentionDays, s.Channel, s.Status, s.UpdatedAt })
            .ToListAsync(ct);
        return states.OrderBy(s => s.Key, StringComparer.Ordinal).ThenBy(s => s.Channel, StringComparer.Ordinal).Select(s => new
        {
            purpose = s.Key, s.Channel, s.Status, s.RetentionDays, lastChangeUtc = s.UpdatedAt, retainUntilUtc = s.UpdatedAt.AddDays(s.RetentionDays),
        }).ToList();
    }

    /// <summary>R37 portability: the data the person gave, in a structured, machine-readable form; nothing the engine inferred or recorded about them.</summary>
    private static async Task<object> ProvidedAsync(MarketingDbContext db, Guid personId, CancellationToken ct)
    {
        var p = await db.People.AsNoTracking().SingleAsync(p => p.Id == personId, ct);
        var submissions = await db.Submissions.AsNoTracking().Where(s => s.PersonId == personId).OrderBy(s => s.ReceivedAt).ToListAsync(ct);
        var consents = await db.ConsentEvents.AsNoTracking().Where(e => e.PersonId == personId).OrderBy(e => e.Sequence)
            .Select(e => new { purpose = e.PurposeKey, e.Channel, e.Status, occurredAtUtc = e.OccurredAt }).ToListAsync(ct);
        return new
        {
            email = p.Email,
            phone = p.Phone,
            attributes = p.Attributes,
            locale = p.Locale,
            timeZone = p.TimeZone,
            country = p.Country,
            submissions = submissions.Select(s => new { s.FormId, receivedAtUtc = s.ReceivedAt, values = s.Profile?.Attributes, locale = s.Profile?.Locale }),
            consents,
        };
    }
}
