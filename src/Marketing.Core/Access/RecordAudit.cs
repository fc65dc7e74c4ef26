using Marketing.Data;

namespace Marketing.Access;

/// <summary>
/// Audits an action that writes nothing else: an export of personal data, a jobs-dashboard action. An action that
/// changes something audits itself inside its own use case, in the same save.
/// </summary>
public static class RecordAudit
{
    /// <summary>Longer values are cut to what the audit log's columns hold.</summary>
    public static async Task HandleAsync(MarketingDbContext db, TimeProvider clock, string actor, string action, string? target, string? detail, CancellationToken ct)
    {
        db.AuditEntries.Add(AuditEntry.Create(clock, Cut(actor, 120), Cut(action, 80), target is null ? null : Cut(target, 200), detail));
        await db.SaveChangesAsync(ct);
    }

    private static string Cut(string text, int length) => text.Length > length ? text[..length] : text;
}
