using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Marketing.Leads;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>
/// Restricts a person's processing (R39, GDPR art. 18): from now on the gate lets no message to them leave, no
/// sequence enrols them and only the DPO's exports include them. The record is kept. Audited with the reason.
/// </summary>
public static class RestrictPerson
{
    public sealed record Command(string? Reason);

    public static async Task<Outcome<Person>> HandleAsync(MarketingDbContext db, TimeProvider clock, Guid personId, Command command, string actor, CancellationToken ct)
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

        if (person.RestrictedAt is not null)
        {
            return new Refusal.Conflict(RestrictionRules.Messages.AlreadyRestricted);
        }

        var now = clock.GetUtcNow();
        person.RestrictedAt = now;
        person.RestrictionReason = reason;
        person.RestrictedBy = actor.Length > 120 ? actor[..120] : actor;
        person.UpdatedAt = now;
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "person.restricted", person.Id.ToString(), $"reason={reason}"));
        await db.SaveChangesAsync(ct);
        return person;
    }
}
