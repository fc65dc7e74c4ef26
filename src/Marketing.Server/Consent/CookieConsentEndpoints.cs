using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Marketing.Common;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Server.Capture;
using Marketing.Server.Hosting;
using Marketing.Server.PublicEndpoints;
using Marketing.Server.Sites;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketing.Server.Consent;

/// <summary>What widgets/consent.js calls: the banner's configuration, and the record of each choice (R28).</summary>
public static class CookieConsentEndpoints
{
    public sealed record CategoryView(string Key, string Name, string Description, bool Required, bool Marketing, IReadOnlyList<string> GoogleConsent);
    public sealed record CookieView(string Name, int LifetimeDays, string Lifetime);
    public sealed record ServiceView(string Key, string Name, string Category, string Provider, string Purpose, string? PrivacyPolicyUrl, IReadOnlyList<CookieView> Cookies);
    public sealed record BannerView(string SiteId, int Version, string Hash, string Locale, IReadOnlyList<string> Locales, int RenewAfterDays, bool GoogleConsentMode,
        string? PrivacyPolicyUrl, string RecordUrl, IReadOnlyDictionary<string, string> Texts, IReadOnlyList<CategoryView> Categories, IReadOnlyList<ServiceView> Services);
    public sealed record RecordedView(Guid RecordId, string ConsentId, DateTimeOffset ExpiresAt);

    // Read by fetch() and never inlined into HTML: plain UTF-8 is safe, and smaller than \u escapes of every accent.
    internal static readonly JsonSerializerOptions ConfigJson = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static RouteGroupBuilder MapCookieConsentPublic(this RouteGroupBuilder publicApi)
    {
        var consent = publicApi.MapGroup($"/sites/{{{SiteCorsPolicyProvider.SiteRouteKey}}}/consent").WithTags("Cookie consent");
        consent.MapGet("/", GetConfigAsync).WithName("GetBannerConfig");
        publicApi.MapGet($"/sites/{{{SiteCorsPolicyProvider.SiteRouteKey}}}/consent.js", GetBundleAsync).WithName("GetBannerBundle").WithTags("Cookie consent");
        consent.MapPost("/records", RecordAsync).WithName("RecordCookieConsent").AcceptsBody("application/json");
        return publicApi;
    }

    /// <summary>
    /// The latest version in the visitor's language. Revalidated on every page view (no-cache with an ETag):
    /// the answer is then a bodiless 304, and a new version asks visitors again at once (R26).
    /// </summary>
    private static async Task<Results<JsonHttpResult<BannerView>, StatusCodeHttpResult, ProblemHttpResult>> GetConfigAsync(string siteId, string? locale, HttpContext http, PublishedBanners banners, CancellationToken ct)
    {
        var version = await banners.GetLatestAsync(siteId, ct);
        if (version is null)
        {
            return TypedResults.Problem(title: "No banner.", detail: $"Site '{siteId}' has no published cookie banner.", statusCode: StatusCodes.Status404NotFound);
        }

        var shown = version.Snapshot.LocaleFor(locale);
        var etag = $"\"{version.Sha256[..32]}-{shown}\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "no-cache";
        if (http.Request.Headers.IfNoneMatch.Contains(etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Json(ConfigOf(siteId, version.Version, version.Sha256, version.Snapshot, shown), ConfigJson);
    }

    /// <summary>
    /// The banner script and the site's published configuration in one response, so the banner shows without a second
    /// request. Revalidated on every page view (no-cache with an ETag of the script, version and language): the answer
    /// is then a bodiless 304, and a new version or a fixed script reaches every visitor at once (R26). Compressed once
    /// per version and language.
    /// </summary>
    private static async Task<Results<Precompressed.Served, ProblemHttpResult>> GetBundleAsync(string siteId, string? locale, HttpContext http, PublishedBanners banners,
        WidgetFiles widgets, IMemoryCache cache, CancellationToken ct)
    {
        var version = await banners.GetLatestAsync(siteId, ct);
        if (version is null || widgets.Source(BannerScript) is not { } script || !widgets.TryGet(BannerScript, out var plain))
        {
            return TypedResults.Problem(title: "No banner.", detail: $"Site '{siteId}' has no published cookie banner.", statusCode: StatusCodes.Status404NotFound);
        }

        var fromHeader = string.IsNullOrEmpty(locale);
        var shown = version.Snapshot.LocaleFor(fromHeader ? PreferredLanguage(http.Request) : locale);
        var bundle = cache.GetOrCreate($"banner-bundle:{siteId}@{version.Version}:{shown}:{plain.Tag}", entry =>
        {
            entry.SetSize(1).SetSlidingExpiration(TimeSpan.FromHours(1));
            var config = JsonSerializer.Serialize(ConfigOf(siteId, version.Version, version.Sha256, version.Snapshot, shown), ConfigJson);
            return Precompressed.Of(Encoding.UTF8.GetBytes(script.Replace(ConfigSlot, config, StringComparison.Ordinal)), WidgetFiles.ContentType);
        })!;
        http.Response.Headers["Cross-Origin-Resource-Policy"] = "cross-origin";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return bundle.AsResult("no-cache", fromHeader ? HeaderNames.AcceptLanguage : null);
    }

    private const string BannerScript = "consent.js";
    // Where consent.js holds its configuration when the engine serves it with one (see GetBundleAsync).
    private const string ConfigSlot = "/*CONFIG*/null";

    /// <summary>A version as the widget reads it, in one of its locales; also what the designer's preview hands the widget.</summary>
    public static BannerView ConfigOf(string siteId, int version, string hash, PublishedBanner banner, string shown)
    {
        var texts = banner.Texts[shown];
        return new BannerView(
            siteId, version, hash, shown, banner.Locales, banner.RenewAfterDays, banner.GoogleConsentMode, banner.PrivacyPolicyUrl,
            $"/public/sites/{siteId}/consent/records", texts,
            [.. banner.Categories.Select(c => new CategoryView(c.Key, c.Names[shown], c.Descriptions[shown], c.Required, c.Marketing, c.GoogleConsent))],
            [.. banner.Services.Select(s => new ServiceView(s.Key, s.Name, s.Category, s.Provider, s.Purposes[shown], s.PrivacyPolicyUrl,
                [.. s.Cookies.Select(k => new CookieView(k.Name, k.LifetimeDays, Lifetime(k.LifetimeDays, texts)))]))]);
    }

    private static string? PreferredLanguage(HttpRequest request) =>
        request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).Select(l => l.Value.Value).FirstOrDefault();

    private static async Task<Results<Created<RecordedView>, ValidationProblem, ProblemHttpResult>> RecordAsync(
        string siteId, HttpContext http, PublishedBanners banners, SiteCorsPolicyProvider origins, MarketingDbContext db,
        ResolvedSettings settings, TimeProvider clock, CancellationToken ct)
    {
        if (!http.Request.HasJsonContentType())
        {
            return Problems.Field("contentType", "send application/json");
        }

        CookieConsentInput? input;
        try
        {
            input = await http.Request.ReadFromJsonAsync<CookieConsentInput>(StrictJson.SerializerOptions, ct);
        }
        catch (JsonException e)
        {
            // The path names the field whose value has the wrong type, e.g. $.categories.analytics.
            var field = e.Path is { Length: > 2 } path ? path[2..] : "body";
            return Problems.Field(field, $"is not valid here ({e.Message.Split('.')[0]})");
        }

        if (input is null)
        {
            return Problems.Field("body", "must be a JSON object");
        }

        if (http.Request.Headers.Origin is [{ } origin] && !(await origins.AllowedOriginsAsync(http)).Contains(origin))
        {
            return TypedResults.Problem(title: "This origin may not record consent for this site.", detail: origin, statusCode: StatusCodes.Status403Forbidden);
        }

        if (input.Version is not { } number)
        {
            return Problems.Field("version", "is required: the banner version that was shown");
        }

        var version = await banners.GetAsync(siteId, number, ct);
        if (version is null)
        {
            return Problems.Field("version", $"site '{siteId}' has no banner version {number}");
        }

        var ip = IpEvidence.Truncate(http.Connection.RemoteIpAddress, settings.Raw.CookieConsent.IpPrefixV4, settings.Raw.CookieConsent.IpPrefixV6);
        var outcome = await RecordCookieConsent.HandleAsync(db, version, input, ip, clock.GetUtcNow(), ct);
        return outcome.Refusal switch
        {
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            _ => TypedResults.Created((string?)null, new RecordedView(outcome.Value.Id, outcome.Value.ConsentId, outcome.Value.ExpiresAt)),
        };
    }

    private static string Lifetime(int days, IReadOnlyDictionary<string, string> texts) => days switch
    {
        0 => texts["session"],
        1 => $"1 {texts["day"]}",
        < 31 => $"{days} {texts["days"]}",
        < 46 => $"1 {texts["month"]}",
        _ => $"{(int)Math.Round(days / 30.44)} {texts["months"]}",
    };
}
