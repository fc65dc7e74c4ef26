using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Capture;

/// <summary>
/// A site with a published newsletter form, set up through the admin API as a marketer would: two purposes
/// (email newsletter with double opt-in, SMS offers without), their wording, and a privacy notice.
/// Each scenario gets its own names, so that several live side by side in one database.
/// </summary>
public sealed class CaptureScenario
{
    public const string NewsletterWording = "Yes, Acme SAS may email me its monthly newsletter. I can unsubscribe at any time.";
    public const string SmsWording = "Yes, Acme SAS may text me offers. Reply STOP to stop.";
    public const string Origin = "https://www.acme.example";

    private CaptureScenario(HttpClient admin, string suffix)
    {
        Admin = admin;
        Site = $"site-{suffix}";
        Form = $"form-{suffix}";
        Newsletter = $"newsletter_{suffix}";
        Sms = $"sms_offers_{suffix}";
    }

    public HttpClient Admin { get; }
    public string Site { get; }
    public string Form { get; }
    public string Newsletter { get; }
    public string Sms { get; }
    public string NewsletterSha256 { get; private set; } = "";
    public string FormPath => $"/public/sites/{Site}/forms/{Form}";
    public string SubmitPath => $"{FormPath}/submissions";

    public static async Task<CaptureScenario> CreateAsync(MarketingApp app, int minFillSeconds = 0) =>
        await CreateAsync(await app.ClientAsAsync(ApiKeyRole.Admin), minFillSeconds);

    /// <summary>Sets the scenario up through any engine's admin API, in process or a separate process.</summary>
    public static async Task<CaptureScenario> CreateAsync(HttpClient admin, int minFillSeconds = 0)
    {
        var scenario = new CaptureScenario(admin, Guid.NewGuid().ToString("N")[..8]);
        await scenario.SetUpAsync(minFillSeconds);
        return scenario;
    }

    /// <summary>Submits as the widget does, from the given client address, and returns the submission's answer.</summary>
    public async Task<JsonElement> SubmitAsync(HttpClient browser, string email, string[] consents, string clientAddress = "203.0.113.7")
    {
        var fields = new { email, phone = RandomMobile() };
        using var request = new HttpRequestMessage(HttpMethod.Post, SubmitPath) { Content = JsonContent.Create(await WidgetBodyAsync(browser, fields, consents)) };
        request.Headers.Add(TestEndpoints.ClientAddressHeader, clientAddress);
        request.Headers.UserAgent.ParseAdd("ProofTest/1.0 (X11; Linux x86_64)");
        var response = await browser.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"submission answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public object FormDefinition(int minFillSeconds = 0, object[]? consents = null, string? privacyNotice = "privacy_" ) => new
    {
        name = "Newsletter",
        locales = new[] { "en", "fr" },
        defaultRegion = "FR",
        fields = new object[]
        {
            new { name = "email", type = "email", label = new { en = "Email", fr = "E-mail" }, required = true },
            new { name = "first_name", type = "text", label = new { en = "First name", fr = "Prénom" }, maxLength = 40 },
            new { name = "phone", type = "phone", label = new { en = "Mobile", fr = "Mobile" } },
        },
        consents = consents ?? new object[]
        {
            new { purpose = Newsletter, notice = $"{Newsletter}_wording", doubleOptIn = true },
            new { purpose = Sms, notice = $"{Sms}_wording" },
        },
        privacyNotice = privacyNotice is null ? null : $"{privacyNotice}{Newsletter}",
        success = new { message = new { en = "Thanks!", fr = "Merci !" } },
        allowedOrigins = new[] { Origin },
        minFillSeconds,
    };

    public async Task<HttpResponseMessage> PutFormAsync(object definition) =>
        await Admin.PutAsJsonAsync($"/api/admin/forms/{Form}", new { siteId = Site, definition });

    public async Task<HttpResponseMessage> PublishAsync() => await Admin.PostAsync($"/api/admin/forms/{Form}/publish", null);

    public async Task<JsonElement> RenderAsync(HttpClient browser, string locale = "en") =>
        await browser.GetFromJsonAsync<JsonElement>($"{FormPath}?locale={locale}");

    /// <summary>A submission as the widget sends it, with a fresh client id unless one is given.</summary>
    public async Task<object> WidgetBodyAsync(HttpClient browser, object fields, string[]? consents = null, string? submissionId = null, object? context = null)
    {
        var form = await RenderAsync(browser);
        return new
        {
            formVersion = form.GetProperty("version").GetInt32(),
            submissionId = submissionId ?? Guid.NewGuid().ToString("N"),
            token = form.GetProperty("token").GetString(),
            fields,
            consents = consents ?? [],
            context = context ?? new { pageUrl = $"{Origin}/signup?utm_source=newsletter&utm_campaign=autumn", referrer = "https://search.example/", timeZone = "Europe/Paris", locale = "en" },
        };
    }

    /// <summary>
    /// A browser of its own address: the per-address submission limit counts each test apart, so tests that post a lot
    /// do not exhaust the limit of the others sharing their engine.
    /// </summary>
    public static HttpClient Browser(MarketingApp app, bool followRedirects = true)
    {
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects });
        browser.DefaultRequestHeaders.Add(TestEndpoints.ClientAddressHeader, $"10.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}");
        return browser;
    }

    /// <summary>A French mobile number no other test uses, so that each person keeps their own.</summary>
    public static string RandomMobile() => TestPhones.FrenchMobileAsTyped();

    private async Task SetUpAsync(int minFillSeconds)
    {
        await Ok(Admin.PutAsJsonAsync($"/api/admin/sites/{Site}", new { name = "Acme", origins = new[] { Origin } }));
        await Ok(Admin.PutAsJsonAsync($"/api/admin/purposes/{Newsletter}", new
        {
            names = new { en = "Newsletter", fr = "Lettre d'information" },
            channels = new[] { "email" },
            bases = new Dictionary<string, object> { ["fr"] = new { basis = "consent" }, ["eu"] = new { basis = "consent" } },
            retentionDays = 1095,
        }));
        await Ok(Admin.PutAsJsonAsync($"/api/admin/purposes/{Sms}", new
        {
            names = new { en = "SMS offers" },
            channels = new[] { "sms" },
            bases = new Dictionary<string, object> { ["fr"] = new { basis = "consent" } },
            retentionDays = 365,
        }));
        await PublishNoticeAsync($"{Newsletter}_wording", "consent", NewsletterWording, "Oui, Acme SAS peut m'envoyer sa lettre mensuelle.", null);
        await PublishNoticeAsync($"{Sms}_wording", "consent", SmsWording, "Oui, Acme SAS peut m'envoyer des offres par SMS.", null);
        await PublishNoticeAsync($"privacy_{Newsletter}", "privacy", "Acme SAS processes your data to send what you ask for.", "Acme SAS traite vos données.", $"{Origin}/privacy");
        NewsletterSha256 = (await Admin.GetFromJsonAsync<JsonElement>($"/api/admin/notices/{Newsletter}_wording"))
            .GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("locale").GetString() == "en").GetProperty("sha256").GetString()!;
        await Ok(PutFormAsync(FormDefinition(minFillSeconds)));
        await Ok(PublishAsync());
    }

    private async Task PublishNoticeAsync(string key, string kind, string english, string french, string? url)
    {
        await Ok(Admin.PutAsJsonAsync($"/api/admin/notices/{key}", new { kind }));
        await Ok(Admin.PostAsJsonAsync($"/api/admin/notices/{key}/versions", new { locale = "en", text = english, url }));
        await Ok(Admin.PostAsJsonAsync($"/api/admin/notices/{key}/versions", new { locale = "fr", text = french, url }));
    }

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
