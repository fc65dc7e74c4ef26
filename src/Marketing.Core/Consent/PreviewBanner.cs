namespace Marketing.Consent;

/// <summary>
/// The draft as the banner would show it, for the designer's preview: what a publication would freeze, with each gap
/// the publication rules would refuse filled by a visible stand-in (the entry's key, "?"), so that an unfinished draft
/// can still be looked at. Never stored, never hashed into a record.
/// </summary>
public static class PreviewBanner
{
    public const int PreviewVersion = 0;

    public static PublishedBanner Of(string siteId, BannerDefinition draft)
    {
        var locales = draft.Locales?.Where(PurposeRules.IsValidLocale).Distinct().ToList() is { Count: > 0 } valid ? valid : ["en"];
        var categories = (draft.Categories ?? []).Where(c => BannerRules.IsValidKey(c.Key)).DistinctBy(c => c.Key).ToList();
        var keys = categories.Select(c => c.Key).ToHashSet();
        var complete = draft with
        {
            Locales = locales,
            DefaultLocale = draft.DefaultLocale is { } d && locales.Contains(d) ? d : locales[0],
            RenewAfterDays = draft.RenewAfterDays is >= 1 and <= BannerRules.MaxRenewAfterDays ? draft.RenewAfterDays : null,
            Categories = [.. categories.Select(c => c with { Names = Fill(c.Names, locales, c.Key!), Descriptions = Fill(c.Descriptions, locales, "?") })],
            Services = [.. (draft.Services ?? []).Where(s => BannerRules.IsValidKey(s.Key) && keys.Contains(s.Category)).DistinctBy(s => s.Key).Select(s => s with
            {
                Name = string.IsNullOrWhiteSpace(s.Name) ? s.Key : s.Name,
                Provider = string.IsNullOrWhiteSpace(s.Provider) ? "?" : s.Provider,
                Purposes = Fill(s.Purposes, locales, "?"),
                Cookies = [.. (s.Cookies ?? []).Where(k => !string.IsNullOrWhiteSpace(k.Name)).Select(k => k with { LifetimeDays = k.LifetimeDays is >= 0 ? k.LifetimeDays : 0 })],
            })],
            Texts = locales.ToDictionary(l => l, l => Words(l, draft.Texts?.GetValueOrDefault(l))),
        };
        return PublishBanner.Freeze(siteId, PreviewVersion, complete);
    }

    private static Dictionary<string, string> Fill(Dictionary<string, string>? texts, List<string> locales, string standIn) =>
        locales.ToDictionary(l => l, l => texts?.GetValueOrDefault(l) is { } t && !string.IsNullOrWhiteSpace(t) ? t : standIn);

    // A locale without built-in words shows each missing one as its key.
    private static Dictionary<string, string> Words(string locale, Dictionary<string, string>? given)
    {
        var (texts, missing) = BannerTexts.Resolve(locale, given?.Where(t => BannerTexts.Keys.Contains(t.Key) && !string.IsNullOrWhiteSpace(t.Value)).ToDictionary());
        foreach (var key in missing)
        {
            texts[key] = key;
        }

        return new Dictionary<string, string>(texts);
    }
}
