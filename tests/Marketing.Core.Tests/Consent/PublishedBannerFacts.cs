using Marketing.Consent;

namespace Marketing.Core.Tests.Consent;

/// <summary>
/// A cookie-consent record names the banner it was made on by this hash (R28): it must not move for a published
/// version. The expected value was computed outside the engine, with sha256sum over the JSON written out by hand
/// from the record's shape: camelCase names in declaration order, dictionary keys as given, nulls written,
/// non-ASCII and <c>&lt; &gt;</c> escaped as <c>\uXXXX</c>.
/// </summary>
public sealed class PublishedBannerFacts
{
    // printf '%s' '{"siteId":"acme","version":1,"locales":["fr"],"defaultLocale":"fr","renewAfterDays":182,"googleConsentMode":true,
    //   "privacyPolicyUrl":null,"categories":[{"key":"analytics","required":false,"marketing":false,
    //   "names":{"fr":"Mesure d\u2019audience"},"descriptions":{"fr":"Statistiques \u003C anonymes \u003E"},"googleConsent":["analytics_storage"]}],
    //   "services":[{"key":"matomo","name":"Matomo","category":"analytics","provider":"Acme SAS","purposes":{"fr":"Compter les visites"},
    //   "privacyPolicyUrl":"https://matomo.example/privacy","cookies":[{"name":"_pk_id","lifetimeDays":395}]}],
    //   "texts":{"fr":{"body":"Acme SAS utilise des cookies.","title":"Vos choix"}}}' | sha256sum   (one line)
    private const string Expected = "4e52d6db61f687bddd50f26d84b8b40db93948514205d8cd4eb6a3a352c3da51";

    [Fact]
    public void Sha256_OfAPublishedBanner_IsTheKnownAnswer()
    {
        var banner = new PublishedBanner(
            "acme", 1, ["fr"], "fr", 182, true, null,
            [new PublishedCategory("analytics", false, false, new Dictionary<string, string> { ["fr"] = "Mesure d’audience" },
                new Dictionary<string, string> { ["fr"] = "Statistiques < anonymes >" }, ["analytics_storage"])],
            [new PublishedService("matomo", "Matomo", "analytics", "Acme SAS", new Dictionary<string, string> { ["fr"] = "Compter les visites" },
                "https://matomo.example/privacy", [new PublishedCookie("_pk_id", 395)])],
            new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["fr"] = new Dictionary<string, string> { ["body"] = "Acme SAS utilise des cookies.", ["title"] = "Vos choix" },
            });

        Assert.Equal(Expected, banner.ComputeSha256());
    }
}
