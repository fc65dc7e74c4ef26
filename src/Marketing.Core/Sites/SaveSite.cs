using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Sites;

/// <summary>Creates or replaces a site with the origins its widgets may be embedded on; saving it again is harmless.</summary>
public static class SaveSite
{
    public const int MaxNameLength = 200;

    public sealed record Command(string? Name, List<string?>? Origins);

    public sealed record Saved(Site Site, bool Created);

    public static async Task<Outcome<Saved>> HandleAsync(MarketingDbContext db, TimeProvider clock, string id, Command command, string actor, CancellationToken ct)
    {
        var errors = new RuleErrors();
        if (!SiteRules.IsValidId(id))
        {
            errors.Set("id", "site.id");
        }

        if (string.IsNullOrWhiteSpace(command.Name) || command.Name.Length > MaxNameLength)
        {
            errors.Set("name", "site.name", ("max", MaxNameLength));
        }

        var origins = new List<string>();
        var requested = command.Origins ?? [];
        if (requested.Count > SiteRules.MaxOrigins)
        {
            errors.Set("origins", "site.origins", ("max", SiteRules.MaxOrigins));
        }

        for (var i = 0; i < requested.Count && i < SiteRules.MaxOrigins; i++)
        {
            if (SiteRules.TryNormalizeOrigin(requested[i], out var origin, out var problem))
            {
                origins.Add(origin);
            }
            else
            {
                errors.Set($"origins[{i}]", problem);
            }
        }

        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        var now = clock.GetUtcNow();
        var site = await db.Sites.SingleOrDefaultAsync(s => s.Id == id, ct);
        var created = site is null;
        if (site is null)
        {
            site = new Site { Id = id, Name = command.Name!.Trim(), CreatedAt = now };
            db.Sites.Add(site);
        }

        site.Name = command.Name!.Trim();
        site.Origins = origins.Distinct(StringComparer.Ordinal).ToList();
        site.UpdatedAt = now;
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, created ? "site.created" : "site.updated", id, string.Join(' ', site.Origins)));
        await db.SaveChangesAsync(ct);
        return new Saved(site, created);
    }
}
