using Marketing.Access;
using Marketing.Common;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Sending;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>
/// Lifts a restriction (R39, GDPR art. 18(3)): a reason is required, and the person is told, by a transactional
/// email queued in the same save, so that the lift and its notice cannot part. The notice goes through the gate
/// like any message (a dead or erased address still stops it); it leaves once the restriction is lifted.
/// </summary>
public static class LiftRestriction
{
    public const string NoticeTemplate = "restriction-lifted";

    public sealed record Command(string? Reason);

    /// <param name="Notice">The notice's send record, null when the person has no email address to tell them at.</param>
    public sealed record Lifted(Person Person, SendRecord? Notice);

    public static async Task<Outcome<Lifted>> HandleAsync(MarketingDbContext db, TimeProvider clock, Guid personId, Command command, string actor, CancellationToken ct)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return new Refusal.NotFound();
        }

        var (reason, problem) = RestrictionRules.CheckReason(command.Reason);
        if (problem is not null)
        {
            return Refusal.Field("reason", problem);
        }

        if (person.RestrictedAt is not { } since)
        {
            return new Refusal.Conflict(RestrictionRules.Messages.NotRestricted);
        }

        var now = clock.GetUtcNow();
        person.RestrictedAt = null;
        person.RestrictionReason = null;
        person.RestrictedBy = null;
        person.UpdatedAt = now;
        var notice = person.Email is null ? null : new SendRecord
        {
            Id = Guid.CreateVersion7(),
            Key = $"restriction-lifted:{person.Id:N}:{now.ToUnixTimeMilliseconds()}",
            PersonId = person.Id,
            Channel = ChannelKeys.Email,
            MessageType = MessageTypes.Transactional,
            TemplateKey = NoticeTemplate,
            Reference = $"{TransactionalReference.Request}:restriction-lifted-{now.ToUnixTimeSeconds()}",
            Data = person.Locale is null ? [] : new Dictionary<string, string> { ["locale"] = person.Locale },
            Status = SendStatuses.Queued,
            CreatedAt = now,
            DueAt = now,
        };
        if (notice is not null)
        {
            db.SendRecords.Add(notice);
        }

        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "person.restriction_lifted", person.Id.ToString(),
            $"reason={reason} restricted_since={since:O} notice={(notice is null ? "none (no email address)" : notice.Id.ToString())}"));
        await db.SaveChangesAsync(ct);
        return new Lifted(person, notice);
    }
}
