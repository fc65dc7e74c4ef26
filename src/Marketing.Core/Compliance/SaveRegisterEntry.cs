using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>The DPO's free-text fields of a purpose's register row (R42); saving them is a review, dated and signed by the actor.</summary>
public static class SaveRegisterEntry
{
    public const int MaxText = 4000;

    public sealed record Input(string? DataSubjects, string? Recipients, string? SecurityMeasures, string? DpiaReference, string? Notes);

    public static async Task<Outcome<RegisterEntry>> HandleAsync(
        MarketingDbContext db, TimeProvider clock, string purposeKey, Input input, string actor, CancellationToken ct)
    {
        if (!await db.Purposes.AnyAsync(p => p.Key == purposeKey, ct))
        {
            return new Refusal.NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        foreach (var (field, value, max) in new[]
                 {
                     ("dataSubjects", input.DataSubjects, MaxText), ("recipients", input.Recipients, MaxText), ("securityMeasures", input.SecurityMeasures, MaxText),
                     ("dpiaReference", input.DpiaReference, 500), ("notes", input.Notes, MaxText),
                 })
        {
            if (value is not null && value.Length > max)
            {
                errors[field] = [$"at most {max} characters"];
            }
        }

        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        var now = clock.GetUtcNow();
        var entry = await db.RegisterEntries.SingleOrDefaultAsync(e => e.PurposeKey == purposeKey, ct);
        if (entry is null)
        {
            entry = new RegisterEntry { Id = Guid.CreateVersion7(), PurposeKey = purposeKey, CreatedAt = now };
            db.RegisterEntries.Add(entry);
        }

        entry.DataSubjects = Blank(input.DataSubjects);
        entry.Recipients = Blank(input.Recipients);
        entry.SecurityMeasures = Blank(input.SecurityMeasures);
        entry.DpiaReference = Blank(input.DpiaReference);
        entry.Notes = Blank(input.Notes);
        entry.UpdatedAt = now;
        entry.ReviewedAt = now;
        entry.ReviewedBy = actor.Length > 120 ? actor[..120] : actor;
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "register.reviewed", purposeKey, entry.DpiaReference is null ? null : $"dpia={entry.DpiaReference}"));
        await db.SaveChangesAsync(ct);
        return entry;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
