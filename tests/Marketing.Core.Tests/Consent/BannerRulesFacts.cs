using Marketing.Consent;

namespace Marketing.Core.Tests.Consent;

/// <summary>
/// A banner's rules as tables: each row changes one thing of a valid banner and names the fields the errors point
/// at, when a draft is saved and when it is published (every text in every locale, each service's provider, purpose
/// and cookie durations: R24).
/// </summary>
public sealed class BannerRulesFacts
{
    private static Dictionary<string, string> Text(string fr, string en) => new() { ["fr"] = fr, ["en"] = en };

    private static BannerCategory Analytics() => new()
    {
        Key = "analytics",
        Names = Text("Mesure d'audience", "Audience measurement"),
        Descriptions = Text("Compter les visites", "Counting visits"),
        GoogleConsent = ["analytics_storage"],
    };

    private static BannerService Matomo() => new()
    {
        Key = "matomo",
        Name = "Matomo",
        Category = "analytics",
        Provider = "Acme SAS",
        Purposes = Text("Compter les visites", "Counting visits"),
        PrivacyPolicyUrl = "https://matomo.example/privacy",
        Cookies = [new BannerCookie { Name = "_pk_id*", LifetimeDays = 395 }],
    };

    private static BannerDefinition Valid() => new()
    {
        Locales = ["fr", "en"],
        DefaultLocale = "fr",
        RenewAfterDays = 182,
        PrivacyPolicyUrl = "https://www.acme.example/privacy",
        Categories =
        [
            new BannerCategory { Key = "necessary", Required = true, Names = Text("Nécessaires", "Necessary"), Descriptions = Text("Le site", "The site") },
            Analytics(),
        ],
        Services = [Matomo()],
    };

    private static BannerDefinition With(BannerCategory analytics) => Valid() with { Categories = [Valid().Categories![0], analytics] };

    private static BannerDefinition With(BannerService matomo) => Valid() with { Services = [matomo] };

    private static BannerDefinition With(BannerCookie cookie) => With(Matomo() with { Cookies = [cookie] });

    /// <summary>The banner with Portuguese added to every text of its own; the built-in words exist in five other languages.</summary>
    private static BannerDefinition InPortuguese(BannerDefinition b) => b with
    {
        Locales = ["fr", "en", "pt"],
        Categories = [.. b.Categories!.Select(c => c with { Names = new(c.Names!) { ["pt"] = "Categoria" }, Descriptions = new(c.Descriptions!) { ["pt"] = "Descrição" } })],
        Services = [.. b.Services!.Select(s => s with { Purposes = new(s.Purposes!) { ["pt"] = "Finalidade" } })],
    };

    private static readonly string Long = new('x', 2001);

    public static TheoryData<string, Func<BannerDefinition, BannerDefinition>, string, string> Rows() => new()
    {
        //                                                                                                      draft                 publication
        { "as written", b => b, "", "" },
        // Locales and their texts.
        { "no locales", b => b with { Locales = [] }, "defaultLocale,locales", "defaultLocale,locales" },
        { "locales missing", b => b with { Locales = null }, "defaultLocale,locales", "defaultLocale,locales" },
        { "a locale twice", b => b with { Locales = ["fr", "en", "fr"] }, "locales", "locales" },
        { "a default locale not listed", b => b with { DefaultLocale = "de" }, "defaultLocale", "defaultLocale" },
        { "no default locale", b => b with { DefaultLocale = null }, "", "" },
        { "a locale without built-in words", InPortuguese, "", "texts.pt" },
        { "a locale without built-in words, its words given", b => InPortuguese(b) with { Texts = new() { ["pt"] = BannerTexts.Keys.ToDictionary(k => k, k => $"pt {k}") } }, "", "" },
        { "a locale without built-in words, some given", b => InPortuguese(b) with { Texts = new() { ["pt"] = new() { ["title"] = "Cookies" } } }, "", "texts.pt" },
        { "a locale with no category or service texts", b => b with { Locales = ["fr", "en", "de"] }, "", "categories[0].descriptions,categories[0].names,categories[1].descriptions,categories[1].names,services[0].purposes" },
        { "words for a locale not listed", b => b with { Texts = new() { ["de"] = new() { ["title"] = "Cookies" } } }, "texts.de", "texts.de" },
        { "a word that is no banner text", b => b with { Texts = new() { ["fr"] = new() { ["titre"] = "Cookies" } } }, "texts.fr.titre", "texts.fr.titre" },
        { "an empty word", b => b with { Texts = new() { ["fr"] = new() { ["title"] = " " } } }, "texts.fr.title", "texts.fr.title" },
        { "a word of 2001 characters", b => b with { Texts = new() { ["fr"] = new() { ["body"] = Long } } }, "texts.fr.body", "texts.fr.body" },
        { "a word replaced", b => b with { Texts = new() { ["fr"] = new() { ["body"] = "Acme SAS utilise des cookies." } } }, "", "" },
        // How long a choice is kept (R26, R27).
        { "renewed after 0 days", b => b with { RenewAfterDays = 0 }, "renewAfterDays", "renewAfterDays" },
        { "renewed after 396 days", b => b with { RenewAfterDays = 396 }, "renewAfterDays", "renewAfterDays" },
        { "renewed after 395 days", b => b with { RenewAfterDays = 395 }, "", "" },
        { "renewed after 1 day", b => b with { RenewAfterDays = 1 }, "", "" },
        { "renewal not given", b => b with { RenewAfterDays = null }, "", "" },
        // The privacy policy.
        { "a relative privacy policy", b => b with { PrivacyPolicyUrl = "/privacy" }, "privacyPolicyUrl", "privacyPolicyUrl" },
        { "a script privacy policy", b => b with { PrivacyPolicyUrl = "javascript:alert(1)" }, "privacyPolicyUrl", "privacyPolicyUrl" },
        { "a privacy policy of 2001 characters", b => b with { PrivacyPolicyUrl = "https://acme.example/" + new string('p', 1980) }, "privacyPolicyUrl", "privacyPolicyUrl" },
        { "no privacy policy", b => b with { PrivacyPolicyUrl = null }, "", "" },
        // Categories.
        { "no categories", b => b with { Categories = [], Services = [] }, "categories", "categories" },
        { "categories missing", b => b with { Categories = null, Services = null }, "categories", "categories" },
        { "21 categories", b => b with { Categories = [.. b.Categories!, .. Enumerable.Range(1, 19).Select(i => Analytics() with { Key = $"c{i}" })] }, "categories", "categories" },
        { "20 categories", b => b with { Categories = [.. b.Categories!, .. Enumerable.Range(1, 18).Select(i => Analytics() with { Key = $"c{i}" })] }, "", "" },
        { "a key in capitals", b => With(Analytics() with { Key = "Analytics" }), "categories[1].key,services[0].category", "categories[1].key,services[0].category" },
        { "a key used twice", b => With(Analytics() with { Key = "necessary" }), "categories[1].key,services[0].category", "categories[1].key,services[0].category" },
        { "no key", b => With(Analytics() with { Key = null }), "categories[1].key,services[0].category", "categories[1].key,services[0].category" },
        { "a name in one locale of two", b => With(Analytics() with { Names = new() { ["fr"] = "Mesure" } }), "", "categories[1].names" },
        { "no names", b => With(Analytics() with { Names = null }), "", "categories[1].names" },
        { "a name of 2001 characters", b => With(Analytics() with { Names = Text("Mesure", Long) }), "categories[1].names", "categories[1].names" },
        { "a description in one locale of two", b => With(Analytics() with { Descriptions = new() { ["en"] = "Counting" } }), "", "categories[1].descriptions" },
        { "a blank description", b => With(Analytics() with { Descriptions = Text("Compter", "") }), "", "categories[1].descriptions" },
        { "a necessary category for marketing", b => With(Analytics() with { Required = true, Marketing = true }), "categories[1].marketing", "categories[1].marketing" },
        { "a marketing category", b => With(Analytics() with { Marketing = true }), "", "" },
        { "a consent type Google does not define", b => With(Analytics() with { GoogleConsent = ["analytics_storage", "ads"] }), "categories[1].googleConsent", "categories[1].googleConsent" },
        { "every Google consent type", b => With(Analytics() with { GoogleConsent = ["ad_storage", "ad_user_data", "ad_personalization", "analytics_storage", "functionality_storage", "personalization_storage", "security_storage"] }), "", "" },
        // Services (R24).
        { "no services", b => b with { Services = null }, "", "" },
        { "101 services", b => b with { Services = [.. Enumerable.Range(1, 101).Select(i => Matomo() with { Key = $"s{i}" })] }, "services", "services" },
        { "100 services", b => b with { Services = [.. Enumerable.Range(1, 100).Select(i => Matomo() with { Key = $"s{i}" })] }, "", "" },
        { "a service key used twice", b => b with { Services = [Matomo(), Matomo() with { Name = "Matomo 2" }] }, "services[1].key", "services[1].key" },
        { "a service key with a space", b => With(Matomo() with { Key = "mato mo" }), "services[0].key", "services[0].key" },
        { "no service name", b => With(Matomo() with { Name = " " }), "services[0].name", "services[0].name" },
        { "a service name of 201 characters", b => With(Matomo() with { Name = new string('m', 201) }), "services[0].name", "services[0].name" },
        { "a service in no category", b => With(Matomo() with { Category = null }), "services[0].category", "services[0].category" },
        { "a service in an unknown category", b => With(Matomo() with { Category = "ads" }), "services[0].category", "services[0].category" },
        { "no provider", b => With(Matomo() with { Provider = null }), "", "services[0].provider" },
        { "a provider of 201 characters", b => With(Matomo() with { Provider = new string('p', 201) }), "", "services[0].provider" },
        { "a purpose in one locale of two", b => With(Matomo() with { Purposes = new() { ["fr"] = "Compter" } }), "", "services[0].purposes" },
        { "a purpose of 2001 characters", b => With(Matomo() with { Purposes = Text(Long, "Counting") }), "services[0].purposes", "services[0].purposes" },
        { "a relative service policy", b => With(Matomo() with { PrivacyPolicyUrl = "privacy.html" }), "services[0].privacyPolicyUrl", "services[0].privacyPolicyUrl" },
        { "no service policy", b => With(Matomo() with { PrivacyPolicyUrl = null }), "", "" },
        // Cookies (R24: each with its duration).
        { "cookies not listed", b => With(Matomo() with { Cookies = null }), "", "services[0].cookies" },
        { "no cookies", b => With(Matomo() with { Cookies = [] }), "", "" },
        { "a cookie name with a space", b => With(new BannerCookie { Name = "pk id", LifetimeDays = 1 }), "services[0].cookies[0].name", "services[0].cookies[0].name" },
        { "a cookie family alone", b => With(new BannerCookie { Name = "*", LifetimeDays = 1 }), "services[0].cookies[0].name", "services[0].cookies[0].name" },
        { "a cookie with no name", b => With(new BannerCookie { LifetimeDays = 1 }), "services[0].cookies[0].name", "services[0].cookies[0].name" },
        { "a cookie family", b => With(new BannerCookie { Name = "_ga_*", LifetimeDays = 395 }), "", "" },
        { "a cookie of no stated duration", b => With(new BannerCookie { Name = "_ga" }), "", "services[0].cookies[0].lifetimeDays" },
        { "a cookie of -1 days", b => With(new BannerCookie { Name = "_ga", LifetimeDays = -1 }), "services[0].cookies[0].lifetimeDays", "services[0].cookies[0].lifetimeDays" },
        { "a cookie of 3651 days", b => With(new BannerCookie { Name = "_ga", LifetimeDays = 3651 }), "services[0].cookies[0].lifetimeDays", "services[0].cookies[0].lifetimeDays" },
        { "a cookie of 3650 days", b => With(new BannerCookie { Name = "_ga", LifetimeDays = 3650 }), "", "" },
        { "a session cookie", b => With(new BannerCookie { Name = "_ga", LifetimeDays = 0 }), "", "" },
        // Every problem is named at once.
        { "several problems", b => b with { RenewAfterDays = 0, PrivacyPolicyUrl = "x", Services = [Matomo() with { Provider = "", Cookies = null }] }, "privacyPolicyUrl,renewAfterDays", "privacyPolicyUrl,renewAfterDays,services[0].cookies,services[0].provider" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Validate_NamesTheFieldsAtFault(string change, Func<BannerDefinition, BannerDefinition> apply, string draft, string publication)
    {
        var banner = apply(Valid());
        Assert.True(draft == Keys(BannerRules.Validate(banner, forPublication: false)), $"{change}, draft: {Keys(BannerRules.Validate(banner, false))}");
        Assert.True(publication == Keys(BannerRules.Validate(banner, forPublication: true)), $"{change}, publication: {Keys(BannerRules.Validate(banner, true))}");
    }

    [Theory]
    [InlineData("analytics", true)]
    [InlineData("ads_1", true)]
    [InlineData("third-party", true)]
    [InlineData("a", true)]
    [InlineData("Analytics", false)]
    [InlineData("1st", false)]
    [InlineData("_ads", false)]
    [InlineData("ads!", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValidKey_TakesLowercaseSlugs(string? key, bool valid) => Assert.Equal(valid, BannerRules.IsValidKey(key));

    [Fact]
    public void Validate_CitesTheRuleForADurationBeyondThirteenMonths() =>
        Assert.Equal("must be between 1 and 395 (13 months, R27)", Assert.Single(BannerRules.Validate(Valid() with { RenewAfterDays = 400 }, false)["renewAfterDays"]));

    private static string Keys(Dictionary<string, string[]> errors) => string.Join(',', errors.Keys.Order(StringComparer.Ordinal));
}
