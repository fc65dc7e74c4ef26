using System.Net;
using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// The cookie banner designer and the purposes page over HTTP (issue 16, pages 4 and 5): the same Core use cases as the API,
/// the rules' problems on their fields with a 400, and a preview that runs the real widget and records nothing.
/// </summary>
public abstract class BannerPagesHttpFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task Publish_OfAnIncompleteDraft_Is400_WithTheRulesProblemOnTheField_AndNoVersion()
    {
        var site = await BannerPagesData.SiteAsync(app);
        using var session = await SessionAsync(ApiKeyRole.Marketer);
        var started = await session.PostFormAsync($"/banners/{site}", "start", new() { ["locales"] = "en, fr" });
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);

        var response = await session.PostFormAsync($"/banners/{site}", "publish", []);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // The necessary category starts without names: the rule's message, linked from the summary and shown in the group.
        Assert.Contains("<a href=\"#cat-0-names\">give a name in every locale (missing: en, fr)</a>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"cat-0-names-error\"", html, StringComparison.Ordinal);
        Assert.Equal(0, app.InScope(db => db.BannerVersions.Count(v => v.SiteId == site)));
    }

    [Fact]
    public async Task AddingACategory_WithABadKey_Is400_KeepsWhatWasTyped_AndSavesNothing()
    {
        var site = await BannerPagesData.SiteWithDraftAsync(app);
        using var session = await SessionAsync(ApiKeyRole.Marketer);

        var response = await session.PostFormAsync($"/banners/{site}", "category-new",
            new() { ["key"] = "Not A Key", ["name.en"] = "Ads typed here", ["op"] = "save" });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<a href=\"#cat-new-key\">must be 1 to 40 lowercase letters, digits, hyphens or underscores, starting with a letter</a>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Ads typed here\"", html, StringComparison.Ordinal);
        Assert.Equal(2, app.InScope(db => db.Banners.Single(b => b.SiteId == site)).Draft.Categories!.Count);
    }

    [Fact]
    public async Task EntryActions_MoveAndRemove_ByTheKeyThePageShowed()
    {
        var site = await BannerPagesData.SiteWithDraftAsync(app);
        using var session = await SessionAsync(ApiKeyRole.Admin);

        var moved = await session.PostFormAsync($"/banners/{site}", "category-1", new() { ["original"] = "analytics", ["op"] = "up" });
        var order = app.InScope(db => db.Banners.Single(b => b.SiteId == site)).Draft.Categories!.Select(c => c.Key).ToList();
        var removed = await session.PostFormAsync($"/banners/{site}", "category-0", new() { ["original"] = "analytics", ["op"] = "remove" });
        var draft = app.InScope(db => db.Banners.Single(b => b.SiteId == site)).Draft;

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(["analytics", "necessary"], order);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(["necessary"], draft.Categories!.Select(c => c.Key));
        // Its service went with it: a service belongs to one category.
        Assert.Empty(draft.Services!);
    }

    [Fact]
    public async Task Preview_RunsTheRealWidgetOverTheDraft_InItsOwnStrictPolicy()
    {
        var site = await BannerPagesData.SiteWithDraftAsync(app);
        using var session = await SessionAsync(ApiKeyRole.Marketer);

        var response = await session.Client.GetAsync($"/banners/{site}/preview?locale=fr");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'none'; form-action 'none'; frame-ancestors 'self'; base-uri 'none'; object-src 'none'",
            response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("SAMEORIGIN", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains($"<script src=\"/widgets/consent.js\" data-site=\"{site}\"></script>", html, StringComparison.Ordinal);
        Assert.Contains("&quot;locale&quot;:&quot;fr&quot;", html, StringComparison.Ordinal);
        Assert.Contains("Compte les visites", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoticeVersion_PublishedFromThePage_ShowsItsHash_AndABadUrlIs400OnTheField()
    {
        var key = $"terms_{Guid.NewGuid():N}"[..20];
        using var session = await SessionAsync(ApiKeyRole.Admin);
        var created = await session.PostFormAsync("/purposes/edit", "notice-new", new() { ["key"] = key, ["kind"] = "privacy" });

        var bad = await session.PostFormAsync("/purposes/edit", $"version-{key}", new() { ["key"] = key, ["locale"] = "fr", ["text"] = "Nous traitons vos données.", ["url"] = "ftp://nope" });
        var badHtml = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        var published = await session.PostFormAsync("/purposes/edit", $"version-{key}", new() { ["key"] = key, ["locale"] = "fr", ["text"] = "Nous traitons vos données.", ["url"] = "https://shop.example.com/privacy" });
        var page = await session.GetPageAsync("/purposes");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains($"<a href=\"#n-{key}-url\">must be an absolute http(s) URL</a>", badHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        // SHA-256 of the UTF-8 wording, computed elsewhere: printf 'Nous traitons vos données.' | sha256sum
        Assert.Contains("<code class=\"hash\">" + NoticeHashOfTheWording + "</code>", page, StringComparison.Ordinal);
    }

    private const string NoticeHashOfTheWording = "9ea0ef4a5a180d83a0371b121bb3a32bf04b66b6ca4373d080707fc658bae496";

    [Theory]
    [InlineData(ApiKeyRole.Marketer)]
    [InlineData(ApiKeyRole.Compliance)]
    public async Task Purposes_AreReadByEveryone_ButChangedByAnAdminOnly(ApiKeyRole role)
    {
        var key = $"p_{Guid.NewGuid():N}"[..20];
        using var session = await SessionAsync(role);

        var page = await session.GetPageAsync("/purposes");
        var response = await session.PostFormAsync("/purposes/edit", "purpose-new",
            new() { ["key"] = key, ["name.en"] = "News", ["channel.email"] = "true", ["basis.fr"] = "consent", ["retentionDays"] = "365" }, tokenFrom: "/purposes");

        Assert.DoesNotContain("value=\"purpose-new\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, app.InScope(db => db.Purposes.Count(p => p.Key == key)));
    }

    private async Task<WebSession> SessionAsync(ApiKeyRole role) => await WebSession.SignInAsync(app, await WebUsers.CreateAsync(app, role));
}

public sealed class BannerPagesHttpFacts_OnSqlite(SqliteApp app) : BannerPagesHttpFacts<SqliteApp>(app);

public sealed class BannerPagesHttpFacts_OnPostgres(PostgresApp app) : BannerPagesHttpFacts<PostgresApp>(app);
