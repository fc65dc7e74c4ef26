using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Nurture;

/// <summary>Creates a sequence or saves its draft; the draft is checked in full when it is published.</summary>
public static class SaveSequenceDraft
{
    public sealed record Saved(Sequence Sequence, bool Created);

    public static async Task<Outcome<Saved>> HandleAsync(
        MarketingDbContext db, TimeProvider clock, string key, SequenceDefinition? definition, string actor, CancellationToken ct)
    {
        var errors = new RuleErrors();
        if (!SequenceRules.IsValidKey(key))
        {
            errors.Set("key", "sequence.key");
        }

        if (definition is null)
        {
            errors.Set("definition", "sequence.definitionJson");
        }

        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        var now = clock.GetUtcNow();
        var sequence = await db.Sequences.SingleOrDefaultAsync(s => s.Key == key, ct);
        var created = sequence is null;
        if (sequence is null)
        {
            sequence = new Sequence { Id = Guid.CreateVersion7(), Key = key, Draft = definition!, Status = SequenceStatuses.Draft, CreatedAt = now };
            db.Sequences.Add(sequence);
        }

        sequence.Draft = definition!;
        sequence.UpdatedAt = now;
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, created ? "sequence.created" : "sequence.draft_saved", key));
        await db.SaveChangesAsync(ct);
        return new Saved(sequence, created);
    }
}
