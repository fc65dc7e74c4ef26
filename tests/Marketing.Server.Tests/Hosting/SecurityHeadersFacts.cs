using System.Net;
using Marketing.Access;
using Marketing.Data;
using Marketing.Server.Tests.Capture;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Server.Tests.Jobs;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Marketing.Server.Tests.Hosting;

/// <summary>The headers every response carries, whoever answers: an endpoint, the error handler, a static file.</summary>
public abstract class SecurityHeadersFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Theory]
    [InlineData("/health/ready")]
    [InlineData("/no/such/route")]
    [InlineData("/api/admin/me")]
    [InlineData("/public/sites/nothing-here")]
    [InlineData("/email/unsubscribe/not-a-token")]
    [InlineData("/widgets/form.js")]
    [InlineData(TestEndpoints.Throw)]
    public async Task EveryResponse_ForbidsSniffing_AndLimitsTheReferrer(string path)
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Contains(Header(response, "Referrer-Policy"), new[] { "strict-origin-when-cross-origin", "no-referrer" });
    }

    [Fact]
    public async Task Hsts_IsSentOverHttps_AndNeverOverPlainHttp()
    {
        using var https = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        using var http = app.CreateClient();

        var secure = await https.GetAsync("/health/ready");
        var plain = await http.GetAsync("/health/ready");

        Assert.StartsWith("max-age=", Header(secure, "Strict-Transport-Security"), StringComparison.Ordinal);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task ThankYouPage_OfAPlainHtmlForm_HasACharsetAndAContentSecurityPolicy()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var post = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = $"thanks.{Guid.NewGuid():N}@example.com", ["consent"] = scenario.Newsletter,
        });

        var response = await browser.PostAsync(scenario.SubmitPath, post);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
    }

    /// <summary>Pages whose address holds a token keep their stricter policies, and send no referrer at all.</summary>
    [Fact]
    public async Task EmailPages_KeepTheirOwnPolicies()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/email/preferences/not-a-token");

        Assert.Equal("default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task JobsDashboard_RefusesToBeFramed()
    {
        using var admin = await Dashboards.AdminAsync(app);

        var page = await admin.Client.GetAsync("/admin/jobs");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("DENY", Header(page, "X-Frame-Options"));
        Assert.Contains("frame-ancestors 'none'", Header(page, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : "";
}

public sealed class SecurityHeadersFacts_OnSqlite(SqliteApp app) : SecurityHeadersFacts<SqliteApp>(app);

public sealed class SecurityHeadersFacts_OnPostgres(PostgresApp app) : SecurityHeadersFacts<PostgresApp>(app);

/// <summary>The engine behind a TLS-terminating proxy on 10.0.0.0/8.</summary>
public abstract class ProxiedApp(DatabaseProvider provider) : MarketingApp(provider)
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["Marketing:Http:TrustedProxies:0"] = "10.0.0.0/8",
    };
}

public sealed class SqliteProxiedApp() : ProxiedApp(DatabaseProvider.Sqlite);

public sealed class PostgresProxiedApp() : ProxiedApp(DatabaseProvider.Postgres);

public abstract class ForwardedHttpsFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : ProxiedApp
{
    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("192.0.2.1", false)]
    public async Task Hsts_FollowsTheForwardedScheme_OnlyFromATrustedProxy(string peer, bool hsts)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
        request.Headers.Add(TestEndpoints.ClientAddressHeader, peer);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "198.51.100.9");

        var response = await client.SendAsync(request);

        Assert.Equal(hsts, response.Headers.Contains("Strict-Transport-Security"));
    }
}

public sealed class ForwardedHttpsFacts_OnSqlite(SqliteProxiedApp app) : ForwardedHttpsFacts<SqliteProxiedApp>(app);

public sealed class ForwardedHttpsFacts_OnPostgres(PostgresProxiedApp app) : ForwardedHttpsFacts<PostgresProxiedApp>(app);
