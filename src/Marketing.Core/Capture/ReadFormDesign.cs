using Marketing.Consent;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Capture;

/// <summary>
/// What the form designer shows: the form (null when the id is free), its published versions, and what a box or the
/// privacy link may refer to (purposes with their channels, notices with the locales they have a text in).
/// </summary>
public static class ReadFormDesign
{
    public sealed record VersionRow(int Version, DateTimeOffset PublishedAt);

    public sealed record PurposeChoice(string Key, string Name, IReadOnlyList<string> Channels);

    public sealed record NoticeChoice(string Key, string Kind, IReadOnlyList<string> Locales);

    public sealed record Design(Form? Form, IReadOnlyList<VersionRow> Versions, IReadOnlyList<PurposeChoice> Purposes, IReadOnlyList<NoticeChoice> Notices);

    public static async Task<Design> HandleAsync(MarketingDbContext db, string formId, string locale, CancellationToken ct)
    {
        var form = await db.Forms.AsNoTracking().SingleOrDefaultAsync(f => f.Id == formId, ct);
        var versions = form is null
            ? []
            : await db.FormVersions.AsNoTracking().Where(v => v.FormId == formId).OrderByDescending(v => v.Version)
                .Select(v => new VersionRow(v.Version, v.PublishedAt)).ToListAsync(ct);
        var purposes = await db.Purposes.AsNoTracking().OrderBy(p => p.Key).ToListAsync(ct);
        var notices = await db.Notices.AsNoTracking().OrderBy(n => n.Key).ToListAsync(ct);
        var texts = await db.NoticeVersions.AsNoTracking().Select(v => new { v.NoticeId, v.Locale }).Distinct().ToListAsync(ct);
        return new Design(
            form,
            versions,
            [.. purposes.Select(p => new PurposeChoice(p.Key, p.NameIn(locale), p.Channels))],
            [.. notices.Select(n => new NoticeChoice(n.Key, n.Kind, [.. texts.Where(t => t.NoticeId == n.Id).Select(t => t.Locale).Order()]))]);
    }

    /// <summary>The site a form id belongs to, or null when no form has it.</summary>
    public static async Task<string?> SiteOfAsync(MarketingDbContext db, string formId, CancellationToken ct) =>
        await db.Forms.AsNoTracking().Where(f => f.Id == formId).Select(f => f.SiteId).SingleOrDefaultAsync(ct);

    /// <summary>One published version of a form, or null.</summary>
    public static async Task<FormVersion?> VersionAsync(MarketingDbContext db, string formId, int version, CancellationToken ct) =>
        await db.FormVersions.AsNoTracking().SingleOrDefaultAsync(v => v.FormId == formId && v.Version == version, ct);
}
