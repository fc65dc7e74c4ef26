using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Consent;

/// <summary>
/// Creates a notice, the key under which wording is published (R11, R12). Asking again for a notice that exists
/// changes nothing; its kind never changes, since forms pin it as a privacy or a consent notice.
/// </summary>
public static class CreateNotice
{
    public sealed record Created(Notice Notice, bool IsNew);

    public static async Task<Outcome<Created>> HandleAsync(
        MarketingDbContext db, TimeProvider clock, string key, string? kind, string actor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!PurposeRules.IsValidKey(key))
        {
            errors["key"] = ["must be 2 to 64 lowercase letters, digits or underscores, starting with a letter"];
        }

        if (kind is null || !NoticeKinds.All.Contains(kind))
        {
            errors["kind"] = [$"must be one of: {string.Join(", ", NoticeKinds.All)}"];
        }

        var existing = await db.Notices.AsNoTracking().SingleOrDefaultAsync(n => n.Key == key, ct);
        if (existing is not null && kind is not null && existing.Kind != kind)
        {
            errors["kind"] = [$"notice '{key}' is a {existing.Kind} notice; its kind cannot change"];
        }

        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        if (existing is not null)
        {
            return new Created(existing, IsNew: false);
        }

        var notice = new Notice { Id = Guid.CreateVersion7(), Key = key, Kind = kind!, CreatedAt = clock.GetUtcNow() };
        db.Notices.Add(notice);
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "notice.created", key, notice.Kind));
        await db.SaveChangesAsync(ct);
        return new Created(notice, IsNew: true);
    }
}
