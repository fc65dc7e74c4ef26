using Marketing.Data;
using Marketing.Leads;
using Marketing.Sending;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>
/// The counts art. 33(3)(a) asks for: how many people, and which categories of their data, were present in an incident's
/// affected form, channel or time window (R50). Counted by the database, so a scope of a million people reads no row here.
/// </summary>
public static class MeasureIncidentScope
{
    /// <summary>A category of personal data present in the scope, and for how many people (or records) of it.</summary>
    public sealed record Category(string Key, long Count);

    /// <param name="People">The people the scope reached, erased ones included (their data was there when it happened).</param>
    /// <param name="ErasedSince">Of those, the people erased since: nothing of them is left to tell or to count by category.</param>
    /// <param name="Records">The submissions (form), send records (channel) or people (window) the scope holds.</param>
    public sealed record ScopeCounts(string Kind, string? Key, DateTimeOffset? From, DateTimeOffset? To, long People, long ErasedSince, long Records, IReadOnlyList<Category> Categories);

    /// <summary>The data categories by key, in the order they are reported; the texts are the pages' and drafts' business.</summary>
    public static class Keys
    {
        public const string Email = "email";
        public const string Phone = "phone";
        public const string Name = "name";
        public const string Country = "country";
        public const string Locale = "locale";
        public const string ConsentRecords = "consent_records";
        public const string SubmissionMetadata = "submission_metadata";
        public const string MessageHistory = "message_history";
        public const string Clicks = "clicks";
    }

    /// <summary>Null when the incident declares no scope.</summary>
    public static async Task<ScopeCounts?> HandleAsync(MarketingDbContext db, Incident incident, CancellationToken ct) =>
        incident.ScopeKind is null ? null : await HandleAsync(db, incident.ScopeKind, incident.ScopeKey, incident.ScopeFrom, incident.ScopeTo, ct);

    /// <summary>Counts a scope already checked by <see cref="IncidentRules.ScopeProblem"/>.</summary>
    public static async Task<ScopeCounts> HandleAsync(MarketingDbContext db, string kind, string? key, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        IQueryable<Person> people;
        var extra = new List<Category>();
        long records;
        switch (kind)
        {
            case IncidentScopes.Form:
                var submissions = db.Submissions.AsNoTracking().Where(s => s.FormId == key);
                submissions = from is { } fs ? submissions.Where(s => s.ReceivedAt >= fs) : submissions;
                submissions = to is { } ts ? submissions.Where(s => s.ReceivedAt < ts) : submissions;
                people = db.People.AsNoTracking().Where(p => submissions.Any(s => s.PersonId == p.Id));
                records = await submissions.LongCountAsync(ct);
                // What a form's evidence holds besides the person's fields: the IP address and browser of each submission.
                extra.Add(new(Keys.SubmissionMetadata, await submissions.LongCountAsync(s => s.IpAddress != null || s.UserAgent != null, ct)));
                break;
            case IncidentScopes.Channel:
                var sends = db.SendRecords.AsNoTracking().Where(r => r.Channel == key && r.Recipient == SendRecipients.Person);
                sends = from is { } fc ? sends.Where(r => r.CreatedAt >= fc) : sends;
                sends = to is { } tc ? sends.Where(r => r.CreatedAt < tc) : sends;
                people = db.People.AsNoTracking().Where(p => sends.Any(r => r.PersonId == p.Id));
                records = await sends.LongCountAsync(ct);
                extra.Add(new(Keys.MessageHistory, records));
                extra.Add(new(Keys.Clicks, await sends.LongCountAsync(r => r.ClickedAt != null, ct)));
                break;
            default:
                // A window: everyone stored at some moment of it, i.e. created before its end and not erased before its start.
                var start = from!.Value;
                var end = to!.Value;
                people = db.People.AsNoTracking().Where(p => p.CreatedAt < end && (p.ErasedAt == null || p.ErasedAt >= start));
                records = -1;
                break;
        }

        var total = await people.LongCountAsync(ct);
        records = records < 0 ? total : records;
        var erased = await people.LongCountAsync(p => p.ErasedAt != null, ct);
        var categories = new List<Category>
        {
            new(Keys.Email, await people.LongCountAsync(p => p.Email != null, ct)),
            new(Keys.Phone, await people.LongCountAsync(p => p.Phone != null, ct)),
            new(Keys.Name, await people.LongCountAsync(p => p.NameKey != null, ct)),
            new(Keys.Country, await people.LongCountAsync(p => p.Country != null, ct)),
            new(Keys.Locale, await people.LongCountAsync(p => p.Locale != null || p.TimeZone != null, ct)),
            new(Keys.ConsentRecords, await people.LongCountAsync(p => p.LedgerSequence > 0, ct)),
        };
        categories.AddRange(extra);
        // Only the categories actually present: a count of zero would put a category in the notification that was not there.
        return new ScopeCounts(kind, key, from, to, total, erased, records, [.. categories.Where(c => c.Count > 0)]);
    }
}
