using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Consent;

/// <summary>Saves a site's banner draft. Its structure is checked now; its completeness (R24) when it is published.</summary>
public static class SaveBannerDraft
{
    public sealed record Saved(Banner Banner, bool Created);

    public static async Task<Outcome<Saved>> HandleAsync(
        MarketingDbContext db, TimeProvider clock, string siteId, BannerDefinition? definition, string actor, CancellationToken ct)
    {
        if (!await db.Sites.AnyAsync(s => s.Id == siteId, ct))
        {
            return new Refusal.NotFound();
        }

        if (definition is null)
        {
            var missing = new RuleErrors();
            missing.Set("definition", "banner.definition");
            return Refusal.Fields(missing);
        }

        var errors = BannerRules.Validate(definition, forPublication: false);
        if (errors.Count > 0)
        {
            return Refusal.Fields(errors.Prefixed("definition.", "definition"));
        }

        var now = clock.GetUtcNow();
        var banner = await db.Banners.SingleOrDefaultAsync(b => b.SiteId == siteId, ct);
        var created = banner is null;
        if (banner is null)
        {
            banner = new Banner { SiteId = siteId, Draft = definition, CreatedAt = now };
            db.Banners.Add(banner);
        }

        banner.Draft = definition;
        banner.UpdatedAt = now;
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, created ? "banner.created" : "banner.draft_saved", siteId));
        await db.SaveChangesAsync(ct);
        return new Saved(banner, created);
    }
}
