using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Consent;

/// <summary>
/// A site with a published cookie banner, set up through the admin API as a marketer would: an essential
/// category, analytics (Matomo) and marketing (an ad network), in the five languages the banner ships.
/// Each scenario has its own site, so that several live side by side in one database.
/// </summary>
public sealed class BannerScenario
{
    public const string Origin = "https://www.acme.example";

    private BannerScenario(HttpClient admin, string site)
    {
        Admin = admin;
        Site = site;
    }

    public HttpClient Admin { get; }
    public string Site { get; }
    public string Sha256 { get; private set; } = "";
    public int Version { get; private set; }
    public string ConfigPath => $"/public/sites/{Site}/consent";
    public string RecordPath => $"{ConfigPath}/records";
    public string AdminPath => $"/api/admin/sites/{Site}/banner";

    public static async Task<BannerScenario> CreateAsync(MarketingApp app, string origin = Origin, int renewAfterDays = 182)
    {
        var scenario = new BannerScenario(await app.ClientAsAsync(ApiKeyRole.Admin), $"banner-{Guid.NewGuid():N}"[..20]);
        (await scenario.Admin.PutAsJsonAsync($"/api/admin/sites/{scenario.Site}", new { name = "Acme", origins = new[] { origin } })).EnsureSuccessStatusCode();
        (await scenario.Admin.PutAsJsonAsync(scenario.AdminPath, new { definition = Definition(renewAfterDays) })).EnsureSuccessStatusCode();
        await scenario.PublishAsync();
        return scenario;
    }

    /// <summary>Publishes the draft and remembers the new version and its hash.</summary>
    public async Task<JsonElement> PublishAsync()
    {
        var response = await Admin.PostAsync($"{AdminPath}/publish", null);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"publish answered {(int)response.StatusCode}: {body}");
        }

        Version = body.GetProperty("version").GetInt32();
        Sha256 = body.GetProperty("sha256").GetString()!;
        return body;
    }

    /// <summary>A new version: one more vendor, which must ask every visitor again (R26).</summary>
    public async Task PublishWithAnotherVendorAsync()
    {
        var services = Services().Append(Service("video", "Video host", "marketing", "VideoCo", "Shows embedded videos", ("vid_*", 180)));
        (await Admin.PutAsJsonAsync(AdminPath, new { definition = Definition(services: [.. services]) })).EnsureSuccessStatusCode();
        await PublishAsync();
    }

    public static Dictionary<string, object?> Definition(int renewAfterDays = 182, object[]? services = null) => new()
    {
        ["locales"] = new[] { "en", "fr", "de", "es", "it" },
        ["defaultLocale"] = "en",
        ["renewAfterDays"] = renewAfterDays,
        ["googleConsentMode"] = true,
        ["privacyPolicyUrl"] = $"{Origin}/privacy",
        ["categories"] = new object[]
        {
            new { key = "essential", required = true, names = Texts("Essential"), descriptions = Texts("Needed for the site to work") },
            new { key = "analytics", names = Texts("Audience measurement"), descriptions = Texts("Counts visits to improve the site"), googleConsent = new[] { "analytics_storage" } },
            new { key = "marketing", marketing = true, names = Texts("Advertising"), descriptions = Texts("Shows ads based on your interests"),
                googleConsent = new[] { "ad_storage", "ad_user_data", "ad_personalization" } },
        },
        ["services"] = services ?? [.. Services()],
    };

    public static IEnumerable<object> Services() =>
    [
        Service("session", "Session", "essential", "Acme SAS", "Keeps your basket", ("session_id", 0)),
        Service("matomo", "Matomo", "analytics", "Acme SAS", "Audience measurement", ("_pk_id", 395), ("_pk_ses", 1)),
        Service("adnet", "AdNet", "marketing", "AdNet Ltd", "Personalised advertising", ("ad_*", 90)),
    ];

    public static object Service(string key, string name, string category, string provider, string purpose, params (string Name, int Days)[] cookies) =>
        new { key, name, category, provider, purposes = Texts(purpose), cookies = cookies.Select(c => new { name = c.Name, lifetimeDays = c.Days }).ToArray() };

    /// <summary>The same text in every locale, marked with the locale so a test can tell which one was served.</summary>
    public static Dictionary<string, string> Texts(string english) => new()
    {
        ["en"] = english, ["fr"] = $"[fr] {english}", ["de"] = $"[de] {english}", ["es"] = $"[es] {english}", ["it"] = $"[it] {english}",
    };

    /// <summary>A choice as the widget posts it, with any field replaced.</summary>
    public Dictionary<string, object?> Choice(string action = "custom", bool analytics = true, bool marketing = false) => new()
    {
        ["consentId"] = Guid.NewGuid().ToString(),
        ["version"] = Version,
        ["configHash"] = Sha256,
        ["action"] = action,
        ["categories"] = new Dictionary<string, bool> { ["essential"] = true, ["analytics"] = analytics, ["marketing"] = marketing },
        ["services"] = new Dictionary<string, bool> { ["session"] = true, ["matomo"] = analytics, ["adnet"] = marketing },
        ["pageUrl"] = $"{Origin}/pricing?utm_source=ads",
        ["locale"] = "en",
        ["gpc"] = false,
    };
}
