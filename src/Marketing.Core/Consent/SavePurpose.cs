using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Consent;

/// <summary>Creates or updates a purpose with its lawful basis per regime (R1); its key never changes. Every change is audited.</summary>
public static class SavePurpose
{
    public sealed record Saved(Purpose Purpose, bool Created);

    public static async Task<Outcome<Saved>> HandleAsync(
        MarketingDbContext db, TimeProvider clock, string key, PurposeInput input, string actor, CancellationToken ct)
    {
        var errors = PurposeRules.Validate(key, input);
        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        var now = clock.GetUtcNow();
        var purpose = await db.Purposes.SingleOrDefaultAsync(p => p.Key == key, ct);
        var created = purpose is null;
        if (purpose is null)
        {
            purpose = new Purpose { Id = Guid.CreateVersion7(), Key = key, CreatedAt = now };
            db.Purposes.Add(purpose);
        }

        purpose.Names = input.Names!;
        purpose.Descriptions = input.Descriptions ?? [];
        purpose.Channels = [.. input.Channels!.Distinct()];
        purpose.Bases = input.Bases!;
        purpose.RetentionDays = input.RetentionDays!.Value;
        purpose.RetentionPolicy = input.RetentionPolicy ?? purpose.RetentionPolicy;
        purpose.UpdatedAt = now;
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, created ? "purpose.created" : "purpose.updated", key,
            string.Join(' ', purpose.Bases.Select(b => $"{b.Key}={b.Value.Basis}"))));
        await db.SaveChangesAsync(ct);
        return new Saved(purpose, created);
    }
}
