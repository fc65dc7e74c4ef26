using Marketing.Data;

namespace Marketing.Access;

/// <summary>
/// Audits an action that writes nothing else: an export of personal data, a read of a person's record, a
/// jobs-dashboard action. An action that changes something audits itself inside its own use case, in the same save,
/// with <see cref="AuditEntry.Create"/>. Either way the entry carries the actor's role and source (R49).
/// </summary>
public static class RecordAudit
{
    public const string PersonRead = "person.read";
    public const string PersonObject = "person";

    /// <summary>Longer values are cut to what the audit log's columns hold.</summary>
    public static async Task HandleAsync(MarketingDbContext db, TimeProvider clock, string actor, string action, string? target, string? detail, CancellationToken ct) =>
        await HandleAsync(db, clock, actor, action, target, detail, null, ct);

    /// <param name="objectType">The kind of <paramref name="target"/> when the action's family does not name it (<c>person</c> for an export of one person's proof).</param>
    public static async Task HandleAsync(MarketingDbContext db, TimeProvider clock, string actor, string action, string? target, string? detail, string? objectType, CancellationToken ct)
    {
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, action, target, detail, objectType));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>R49: every read of a person's record (the API, the timeline page) is an entry naming the person and where it was read.</summary>
    public static Task PersonReadAsync(MarketingDbContext db, TimeProvider clock, string actor, Guid personId, string via, CancellationToken ct) =>
        HandleAsync(db, clock, actor, PersonRead, personId.ToString(), $"via={via}", PersonObject, ct);
}
