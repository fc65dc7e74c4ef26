using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Marketing.Sites;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Capture;

/// <summary>Creates a form or saves its draft. Its structure is checked now; the law and its references when it is published.</summary>
public static class SaveFormDraft
{
    public sealed record Command(string? SiteId, FormDefinition? Definition);

    public sealed record Saved(Form Form, bool Created);

    public static async Task<Outcome<Saved>> HandleAsync(MarketingDbContext db, TimeProvider clock, string id, Command command, string actor, CancellationToken ct)
    {
        var errors = new RuleErrors();
        if (!SiteRules.IsValidId(id))
        {
            errors.Set("id", "form.id");
        }

        if (command.SiteId is not { } siteId || !await db.Sites.AnyAsync(s => s.Id == siteId, ct))
        {
            errors.Set("siteId", "form.siteId");
        }

        if (command.Definition is not { } definition)
        {
            errors.Set("definition", "form.definition");
        }
        else
        {
            errors.Merge(FormRules.ValidateStructure(definition, requireEveryLabel: false).Prefixed("definition.", "definition"));
        }

        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        var now = clock.GetUtcNow();
        var form = await db.Forms.SingleOrDefaultAsync(f => f.Id == id, ct);
        var created = form is null;
        if (form is null)
        {
            form = new Form { Id = id, SiteId = command.SiteId!, Draft = command.Definition!, CreatedAt = now };
            db.Forms.Add(form);
        }

        form.SiteId = command.SiteId!;
        form.Draft = command.Definition!;
        form.UpdatedAt = now;
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, created ? "form.created" : "form.draft_saved", id));
        await db.SaveChangesAsync(ct);
        return new Saved(form, created);
    }
}
