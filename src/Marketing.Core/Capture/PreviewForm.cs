using Marketing.Consent;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Capture;

/// <summary>
/// A draft as the widget would show it in one locale, with the latest wording of each notice it names: what the
/// designer's preview renders. Nothing is pinned or stored, and a reference that does not resolve shows as missing
/// (publishing names it).
/// </summary>
public static class PreviewForm
{
    public sealed record Field(string Name, string Type, string Label, bool Required, int MaxLength, IReadOnlyList<string>? Options);

    public sealed record Box(string Purpose, string Channel, string? Text, bool DoubleOptIn);

    public sealed record Preview(string FormId, string Locale, string Name, IReadOnlyList<Field> Fields, IReadOnlyList<Box> Consents,
        string? PrivacyUrl, string? SuccessMessage, string? RedirectUrl, string Theme);

    public static async Task<Preview?> HandleAsync(MarketingDbContext db, string formId, string? locale, CancellationToken ct)
    {
        var form = await db.Forms.AsNoTracking().SingleOrDefaultAsync(f => f.Id == formId, ct);
        if (form is null)
        {
            return null;
        }

        return await OfAsync(db, form.Id, form.Draft, locale, ct);
    }

    /// <summary>A definition not saved yet (what the designer holds while the marketer types), as the widget would show it.</summary>
    public static async Task<Preview> OfAsync(MarketingDbContext db, string formId, FormDefinition draft, string? locale, CancellationToken ct)
    {
        var locales = draft.Locales ?? [];
        var shown = locale is not null && locales.Contains(locale) ? locale : draft.DefaultLocale ?? locales.FirstOrDefault() ?? "en";
        var fields = (draft.Fields ?? []).Where(f => f.Name is not null && f.Type is not null)
            .Select(f => new Field(f.Name!, f.Type!, Text(f.Label, shown) ?? f.Name!, f.Required, f.MaxLength ?? FieldTypes.DefaultMaxLength(f.Type!), f.Options))
            .ToList();
        var boxes = new List<Box>();
        foreach (var box in draft.Consents ?? [])
        {
            var bound = box.BoundPurposes();
            var key = bound.Count > 0 ? bound[0] : "";
            var purpose = await db.Purposes.AsNoTracking().SingleOrDefaultAsync(p => p.Key == key, ct);
            var channel = box.Channel ?? (purpose?.Channels.Count == 1 ? purpose.Channels[0] : "");
            boxes.Add(new Box(key, channel, (await LatestAsync(db, box.Notice, shown, ct))?.Text, box.DoubleOptIn));
        }

        var privacy = await LatestAsync(db, draft.PrivacyNotice, shown, ct);
        return new Preview(formId, shown, draft.Name ?? formId, fields, boxes, privacy?.Url, Text(draft.Success?.Message, shown), draft.Success?.RedirectUrl,
            draft.Theme ?? FormThemes.Auto);
    }

    private static string? Text(Dictionary<string, string>? texts, string locale) =>
        texts is null ? null : texts.TryGetValue(locale, out var text) && !string.IsNullOrWhiteSpace(text) ? text : texts.Values.FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));

    private static async Task<NoticeVersion?> LatestAsync(MarketingDbContext db, string? key, string locale, CancellationToken ct) =>
        key is null
            ? null
            : await (from n in db.Notices.AsNoTracking()
                     join v in db.NoticeVersions.AsNoTracking() on n.Id equals v.NoticeId
                     where n.Key == key && v.Locale == locale
                     orderby v.Version descending
                     select v).FirstOrDefaultAsync(ct);
}
