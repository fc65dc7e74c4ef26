using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>
/// Puts records of a person under a legal hold (R38): an erasure keeps them, in the restricted archive, with the ground
/// that requires them (an invoice under the commercial code, evidence for a claim). Lifting a hold needs a reason.
/// </summary>
public static class PlaceLegalHold
{
    public sealed record Command(string? RecordKind, Guid? RecordId, string? Ground);

    public static async Task<Outcome<LegalHold>> HandleAsync(MarketingDbContext db, TimeProvider clock, Guid personId, Command command, string actor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (command.RecordKind is null || !HeldRecordKinds.All.Contains(command.RecordKind))
        {
            errors["recordKind"] = [$"must be one of: {string.Join(", ", HeldRecordKinds.All)}"];
        }

        if (string.IsNullOrWhiteSpace(command.Ground) || command.Ground.Length > 500)
        {
            errors["ground"] = ["must name the legal ground for keeping the records (at most 500 characters)"];
        }

        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        if (await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => new { p.ErasedAt }).FirstOrDefaultAsync(ct) is not { } person)
        {
            return new Refusal.NotFound();
        }

        if (person.ErasedAt is not null)
        {
            return new Refusal.Conflict("This person is already erased: there is nothing left to hold.");
        }

        if (command.RecordId is { } recordId && !await ExistsAsync(db, personId, command.RecordKind!, recordId, ct))
        {
            return Refusal.Field("recordId", $"is not a {command.RecordKind} of this person");
        }

        var hold = new LegalHold
        {
            Id = Guid.CreateVersion7(), PersonId = personId, RecordKind = command.RecordKind!, RecordId = command.RecordId,
            Ground = command.Ground!.Trim(), CreatedBy = actor, CreatedAt = clock.GetUtcNow(),
        };
        db.LegalHolds.Add(hold);
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "legal_hold.placed", personId.ToString(), $"hold={hold.Id} kind={hold.RecordKind} record={hold.RecordId}"));
        await db.SaveChangesAsync(ct);
        return hold;
    }

    private static Task<bool> ExistsAsync(MarketingDbContext db, Guid personId, string kind, Guid recordId, CancellationToken ct) => kind switch
    {
        HeldRecordKinds.Purchase => db.Purchases.AnyAsync(p => p.Id == recordId && p.PersonId == personId, ct),
        HeldRecordKinds.SendRecord => db.SendRecords.AnyAsync(r => r.Id == recordId && r.PersonId == personId, ct),
        HeldRecordKinds.ConsentProof => db.ConsentEvents.AnyAsync(e => e.Id == recordId && e.PersonId == personId, ct),
        _ => db.Submissions.AnyAsync(s => s.Id == recordId && s.PersonId == personId, ct),
    };
}
