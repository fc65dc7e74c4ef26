namespace Marketing.Capture;

/// <summary>
/// A published form version: the draft after checks, with every notice it shows pinned by version id,
/// hash and text. Stored once and never changed, so a submission can always show what the person saw.
/// </summary>
public sealed record PublishedForm(
    string FormId,
    string SiteId,
    int Version,
    string Name,
    IReadOnlyList<string> Locales,
    string DefaultLocale,
    string DefaultRegion,
    bool Business,
    IReadOnlyList<FormField> Fields,
    IReadOnlyList<PublishedConsent> Consents,
    IReadOnlyDictionary<string, PinnedNotice> PrivacyNotice,
    FormSuccess Success,
    IReadOnlyList<string> AllowedOrigins,
    int MinFillSeconds,
    string Theme = FormThemes.Auto)
{
    public string LocaleFor(string? requested)
    {
        if (requested is null)
        {
            return DefaultLocale;
        }

        if (Locales.Contains(requested))
        {
            return requested;
        }

        var language = requested.Split('-')[0];
        return Locales.FirstOrDefault(l => l == language) ?? DefaultLocale;
    }
}

public sealed record PublishedConsent(Guid PurposeId, string PurposeKey, string Channel, bool DoubleOptIn, IReadOnlyDictionary<string, PinnedNotice> Wording);

public sealed record PinnedNotice(Guid VersionId, string NoticeKey, int Version, string Sha256, string Text, string? Url);
