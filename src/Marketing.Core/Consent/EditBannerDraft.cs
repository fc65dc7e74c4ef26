namespace Marketing.Consent;

/// <summary>
/// The designer's edits of a banner draft, one entry at a time: a category or a service is named by its key as the
/// page showed it, so that an edit made on a stale page changes the entry it was made on or nothing (never its
/// neighbour). Each returns the new draft, which the caller saves through <see cref="SaveBannerDraft"/> (its rules
/// decide); none changes the draft it is given.
/// </summary>
public static class EditBannerDraft
{
    public enum Move
    {
        Up,
        Down,
    }

    /// <summary>A first draft: its locales and one strictly necessary category, the one every banner has (R22).</summary>
    public static BannerDefinition Start(IEnumerable<string> locales) => new()
    {
        Locales = [.. locales],
        Categories = [new BannerCategory { Key = "necessary", Required = true, Names = [], Descriptions = [] }],
        Services = [],
    };

    public static BannerDefinition Settings(BannerDefinition draft, List<string> locales, string? defaultLocale, int? renewAfterDays, string? privacyPolicyUrl, bool googleConsentMode) =>
        draft with
        {
            Locales = locales,
            DefaultLocale = defaultLocale,
            RenewAfterDays = renewAfterDays,
            PrivacyPolicyUrl = privacyPolicyUrl,
            GoogleConsentMode = googleConsentMode,
        };

    /// <summary>Replaces the category <paramref name="originalKey"/> (null: adds one at the end). A renamed key follows into its services.</summary>
    public static BannerDefinition SaveCategory(BannerDefinition draft, string? originalKey, BannerCategory category)
    {
        var categories = draft.Categories?.ToList() ?? [];
        if (originalKey is null)
        {
            return draft with { Categories = [.. categories, category] };
        }

        var at = categories.FindIndex(c => c.Key == originalKey);
        if (at < 0)
        {
            return draft;
        }

        categories[at] = category;
        var services = draft.Services?.Select(s => s.Category == originalKey ? s with { Category = category.Key } : s).ToList();
        return draft with { Categories = categories, Services = services };
    }

    /// <summary>Removes a category; its services go with it, since a service belongs to one category.</summary>
    public static BannerDefinition RemoveCategory(BannerDefinition draft, string key) => draft with
    {
        Categories = draft.Categories?.Where(c => c.Key != key).ToList(),
        Services = draft.Services?.Where(s => s.Category != key).ToList(),
    };

    public static BannerDefinition MoveCategory(BannerDefinition draft, string key, Move move) =>
        draft with { Categories = Swap(draft.Categories, c => c.Key == key, move) };

    /// <summary>Replaces the service <paramref name="originalKey"/> (null: adds one at the end).</summary>
    public static BannerDefinition SaveService(BannerDefinition draft, string? originalKey, BannerService service)
    {
        var services = draft.Services?.ToList() ?? [];
        if (originalKey is null)
        {
            return draft with { Services = [.. services, service] };
        }

        var at = services.FindIndex(s => s.Key == originalKey);
        if (at < 0)
        {
            return draft;
        }

        services[at] = service;
        return draft with { Services = services };
    }

    public static BannerDefinition RemoveService(BannerDefinition draft, string key) =>
        draft with { Services = draft.Services?.Where(s => s.Key != key).ToList() };

    public static BannerDefinition MoveService(BannerDefinition draft, string key, Move move) =>
        draft with { Services = Swap(draft.Services, s => s.Key == key, move) };

    /// <summary>The operator's words of one locale; a blank one is dropped, so that the built-in word shows again.</summary>
    public static BannerDefinition SaveTexts(BannerDefinition draft, string locale, IReadOnlyDictionary<string, string?> texts)
    {
        var all = draft.Texts?.ToDictionary(t => t.Key, t => t.Value) ?? [];
        var given = texts.Where(t => !string.IsNullOrWhiteSpace(t.Value)).ToDictionary(t => t.Key, t => t.Value!.Trim());
        if (given.Count == 0)
        {
            all.Remove(locale);
        }
        else
        {
            all[locale] = given;
        }

        return draft with { Texts = all };
    }

    private static List<T>? Swap<T>(List<T>? items, Func<T, bool> match, Move move)
    {
        if (items is null)
        {
            return null;
        }

        var list = items.ToList();
        var at = list.FindIndex(i => match(i));
        var to = move == Move.Up ? at - 1 : at + 1;
        if (at < 0 || to < 0 || to >= list.Count)
        {
            return list;
        }

        (list[at], list[to]) = (list[to], list[at]);
        return list;
    }
}
