using Marketing.Access;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Consent;

public static class PublishBanner
{
    public sealed record Outcome(BannerVersion? Version, Dictionary<string, string[]> Errors);

    /// <summary>
    /// Checks the draft for publication, refusing a vendor without its provider, purpose or cookie durations
    /// (R24), resolves every text and stores version n+1 with its SHA-256. A new version asks every visitor again (R26).
    /// </summary>
    public static async Task<Outcome> HandleAsync(MarketingDbContext db, TimeProvider clock, string siteId, string actor, CancellationToken ct)
    {
        var banner = await db.Banners.SingleOrDefaultAsync(b => b.SiteId == siteId, ct) ?? throw new KeyNotFoundException(siteId);
        var draft = banner.Draft;
        var errors = BannerRules.Validate(draft, forPublication: true);
        if (errors.Count > 0)
        {
            return new Outcome(null, errors);
        }

        var version = banner.LatestVersion + 1;
        var snapshot = Freeze(siteId, version, draft);
        var published = new BannerVersion
        {
            Id = Guid.CreateVersion7(), SiteId = siteId, Version = version, Snapshot = snapshot, Sha256 = snapshot.ComputeSha256(), PublishedAt = clock.GetUtcNow(),
        };
        banner.LatestVersion = version;
        banner.UpdatedAt = published.PublishedAt;
        db.BannerVersions.Add(published);
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "banner.published", $"{siteId}@{version}", published.Sha256));
        await db.SaveChangesAsync(ct);
        return new Outcome(published, errors);
    }

    /// <summary>The draft as a version: every text resolved in each locale. The draft must have passed the publication rules.</summary>
    internal static PublishedBanner Freeze(string siteId, int version, BannerDefinition draft)
    {
        var locales = draft.Locales!;
        return new PublishedBanner(
            siteId, version, locales, draft.DefaultLocale ?? locales[0], draft.RenewAfterDays ?? BannerRules.DefaultRenewAfterDays,
            draft.GoogleConsentMode, draft.PrivacyPolicyUrl,
            [.. draft.Categories!.Select(c => new PublishedCategory(c.Key!, c.Required, c.Marketing, Pick(c.Names, locales), Pick(c.Descriptions, locales), c.GoogleConsent ?? []))],
            [.. (draft.Services ?? []).Select(s => new PublishedService(s.Key!, s.Name!.Trim(), s.Category!, s.Provider!.Trim(), Pick(s.Purposes, locales), s.PrivacyPolicyUrl,
                [.. s.Cookies!.Select(k => new PublishedCookie(k.Name!, k.LifetimeDays!.Value))]))],
            locales.ToDictionary(l => l, l => (IReadOnlyDictionary<string, string>)BannerTexts.Resolve(l, draft.Texts?.GetValueOrDefault(l)).Texts));
    }

    /// <summary>Only the banner's locales, in a fixed order, so that the version's hash does not depend on how the draft was written.</summary>
    private static SortedDictionary<string, string> Pick(Dictionary<string, string>? texts, IEnumerable<string> locales) =>
        new(locales.ToDictionary(l => l, l => texts?.GetValueOrDefault(l) ?? ""), StringComparer.Ordinal);
}
