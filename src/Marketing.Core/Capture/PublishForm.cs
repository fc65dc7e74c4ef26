using Marketing.Common;
using Marketing.Access;
using Marketing.Consent;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Capture;

public static class PublishForm
{
    public sealed record Outcome(FormVersion? Version, RuleErrors Errors);

    /// <summary>
    /// Checks the draft against the law and against what it refers to, then stores an immutable version with
    /// every notice pinned. Refuses a pre-ticked box (R9), a bundled box (R10), a purpose with no basis for the
    /// form's regime (R1) and a form with no privacy notice (R12), naming each.
    /// </summary>
    public static async Task<Outcome> HandleAsync(MarketingDbContext db, TimeProvider clock, string formId, string actor, CancellationToken ct)
    {
        var form = await db.Forms.SingleOrDefaultAsync(f => f.Id == formId, ct) ?? throw new KeyNotFoundException(formId);
        var draft = form.Draft;
        var errors = FormRules.ValidateStructure(draft, requireEveryLabel: true);
        var locales = draft.Locales ?? [];
        var region = draft.DefaultRegion ?? "";
        var business = draft.Audience == "b2b";
        var regime = Regimes.Resolve(region, business);

        var privacy = await PinAsync(db, draft.PrivacyNotice, NoticeKinds.Privacy, locales, "privacyNotice", errors, ct);
        FormRules.CheckPrivacyNotice(draft.PrivacyNotice, privacy, errors);

        var consents = new List<PublishedConsent>();
        var boxes = draft.Consents ?? [];
        var boundPurposes = new HashSet<string>();
        for (var i = 0; i < boxes.Count; i++)
        {
            var box = boxes[i];
            var at = $"consents[{i}]";
            if (FormRules.CheckConsentBox(box, at, errors) is not { } key)
            {
                continue;
            }

            var purpose = await db.Purposes.AsNoTracking().SingleOrDefaultAsync(p => p.Key == key, ct);
            var channel = FormRules.CheckConsentPurpose(box, at, key, purpose, regime, boundPurposes, errors);
            if (purpose is null)
            {
                continue;
            }

            var wording = await PinAsync(db, box.Notice, NoticeKinds.Consent, locales, $"{at}.notice", errors, ct);
            if (wording is not null && channel is not null)
            {
                consents.Add(new PublishedConsent(purpose.Id, purpose.Key, channel, box.DoubleOptIn, wording));
            }
        }

        if (errors.Count > 0)
        {
            return new Outcome(null, errors);
        }

        var version = form.LatestVersion + 1;
        var snapshot = new PublishedForm(
            form.Id, form.SiteId, version, draft.Name ?? form.Id, locales, draft.DefaultLocale ?? locales[0], region, business,
            draft.Fields!, consents, privacy!, draft.Success!, draft.AllowedOrigins ?? [], draft.MinFillSeconds ?? FormRules.DefaultMinFillSeconds,
            draft.Theme ?? FormThemes.Auto);
        var published = new FormVersion { Id = Guid.CreateVersion7(), FormId = form.Id, Version = version, Snapshot = snapshot, PublishedAt = clock.GetUtcNow() };
        form.LatestVersion = version;
        form.UpdatedAt = published.PublishedAt;
        db.FormVersions.Add(published);
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "form.published", $"{form.Id}@{version}"));
        await db.SaveChangesAsync(ct);
        return new Outcome(published, errors);
    }

    /// <summary>The latest version of a notice in each locale, or null with errors when any is missing.</summary>
    private static async Task<Dictionary<string, PinnedNotice>?> PinAsync(
        MarketingDbContext db, string? key, string kind, IReadOnlyList<string> locales, string at, RuleErrors errors, CancellationToken ct)
    {
        if (key is null)
        {
            return null;
        }

        var notice = await db.Notices.AsNoTracking().SingleOrDefaultAsync(n => n.Key == key, ct);
        if (notice is null || notice.Kind != kind)
        {
            errors.Set(at, "form.notice.unknown", ("kind", kind), ("notice", key));
            return null;
        }

        var versions = await db.NoticeVersions.AsNoTracking().Where(v => v.NoticeId == notice.Id).ToListAsync(ct);
        var pinned = new Dictionary<string, PinnedNotice>();
        foreach (var locale in locales)
        {
            var latest = versions.Where(v => v.Locale == locale).MaxBy(v => v.Version);
            if (latest is null)
            {
                errors.Set(at, "form.notice.noText", ("notice", key), ("locale", locale));
                return null;
            }

            pinned[locale] = new PinnedNotice(latest.Id, key, latest.Version, latest.Sha256, latest.Text, latest.Url);
        }

        return pinned;
    }
}
