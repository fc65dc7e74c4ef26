using System.Collections.Concurrent;
using System.Net;
using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Server.Tests.Jobs;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// Every page and action of the app for each role (issue 16): allowed, or 403; signed out, a redirect to the sign-in page.
/// Each role signs in with its second factor where it needs one.
/// </summary>
public abstract class RoleMatrixFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    private static readonly ConcurrentDictionary<(MarketingApp, ApiKeyRole), TestUser> Users = new();

    /// <summary>Page, then the roles that may open it. Anyone else signed in gets 403.</summary>
    public static TheoryData<string, string> Pages => new()
    {
        { "/", "admin marketer compliance dpo" },
        { "/people", "admin marketer compliance dpo" },
        { "/people?q=someone%40example.com&status=confirmed", "admin marketer compliance dpo" },
        // A person nobody holds: an empty proof, still only for compliance roles.
        { "/people/00000000-0000-0000-0000-000000000001/consent-proof", "admin compliance dpo" },
        { "/settings/users", "admin" },
        { "/account/security", "admin marketer compliance dpo" },
        { "/account/security/authenticator", "admin marketer compliance dpo" },
        { "/admin/jobs", "admin" },
        { "/admin/jobs/recurring", "admin" },
        // The banner API is a marketing one; purposes and notices are read by every key and changed by admin only.
        { "/banners", "admin marketer" },
        { "/purposes", "admin marketer compliance dpo" },
        { "/purposes/edit", "admin" },
    };

    public static TheoryData<string> Roles => new() { "admin", "marketer", "compliance", "dpo" };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_OpensForItsRoles_AndIs403ForTheOthers(string path, string allowed)
    {
        foreach (var role in ApiKeyRoles.All)
        {
            using var session = await SessionAsync(role);

            var response = await session.Client.GetAsync(path);

            var expected = allowed.Split(' ').Contains(role) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
            Assert.True(expected == response.StatusCode, $"{role} GET {path}: {(int)response.StatusCode} {response.Headers.Location}, expected {(int)expected}");
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_SendsTheSignedOut_ToSignIn(string path, string allowed)
    {
        _ = allowed;
        using var session = WebSession.Anonymous(app);

        var response = await session.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/account/sign-in?ReturnUrl={Uri.EscapeDataString(path)}", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task InvitingAUser_IsAnAdminsAction(string role)
    {
        using var session = await SessionAsync(role);
        var email = $"invitee.{Guid.NewGuid():N}@staff.example";

        var response = await session.PostFormAsync("/settings/users", "invite",
            new() { ["Invite.Email"] = email, ["Invite.Role"] = "marketer", ["Invite.Locale"] = "en" }, tokenFrom: "/");

        Assert.Equal(role == "admin" ? HttpStatusCode.OK : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(role == "admin" ? 1 : 0, app.InScope(db => db.Users.Count(u => u.Email == email)));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task ChangingARole_AndDisabling_AreAnAdminsActions(string role)
    {
        var target = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        using var session = await SessionAsync(role);

        var changed = await session.PostFormAsync("/settings/users", $"role-{target.Id:N}",
            new() { ["UserId"] = target.Id.ToString(), ["Role"] = "compliance" }, tokenFrom: "/");
        var disabled = await session.PostFormAsync("/settings/users", $"status-{target.Id:N}",
            new() { ["UserId"] = target.Id.ToString(), ["Status"] = "disable" }, tokenFrom: "/");

        var expected = role == "admin" ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
        Assert.Equal(expected, changed.StatusCode);
        Assert.Equal(expected, disabled.StatusCode);
        var user = app.InScope(db => db.Users.Single(u => u.Id == target.Id));
        Assert.Equal(role == "admin" ? ApiKeyRole.Compliance : ApiKeyRole.Marketer, user.Role);
        Assert.Equal(role == "admin", user.DisabledAt is not null);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task DashboardActions_AreAnAdminsActions(string role)
    {
        using var session = await SessionAsync(role);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/admin/jobs/recurring/trigger")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", "no-such-job")]),
        };
        if (role == "admin")
        {
            var (header, token) = Dashboards.AntiforgeryOf(await session.GetPageAsync("/admin/jobs/recurring"));
            post.Headers.Add(header, token);
        }

        var response = await session.Client.SendAsync(post);

        Assert.Equal(role == "admin" ? HttpStatusCode.NoContent : HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EditingAndPreviewingABanner_AreMarketingActions(string role)
    {
        var site = await BannerPagesData.SiteWithDraftAsync(app);
        using var session = await SessionAsync(role);

        var saved = await session.PostFormAsync($"/banners/{site}", "category-new", new()
        {
            ["key"] = "ads", ["name.en"] = "Ads", ["name.fr"] = "Publicité", ["description.en"] = "Shows ads", ["description.fr"] = "Montre des publicités", ["op"] = "save",
        }, tokenFrom: "/");
        var preview = await session.Client.GetAsync($"/banners/{site}/preview?locale=en");
        var published = await session.PostFormAsync($"/banners/{site}", "publish", [], tokenFrom: "/");

        var allowed = role is "admin" or "marketer";
        Assert.Equal(allowed ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden, saved.StatusCode);
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, preview.StatusCode);
        Assert.Equal(allowed ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden, published.StatusCode);
        Assert.Equal(allowed ? 3 : 2, app.InScope(db => db.Banners.Single(b => b.SiteId == site)).Draft.Categories!.Count);
        Assert.Equal(allowed ? 1 : 0, app.InScope(db => db.BannerVersions.Count(v => v.SiteId == site)));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task ChangingPurposesAndNotices_IsAnAdminsAction(string role)
    {
        var key = $"n_{Guid.NewGuid():N}"[..20];
        using var session = await SessionAsync(role);

        var notice = await session.PostFormAsync("/purposes/edit", "notice-new", new() { ["key"] = key, ["kind"] = "consent" }, tokenFrom: "/");
        var purpose = await session.PostFormAsync("/purposes/edit", "purpose-new",
            new() { ["key"] = key, ["name.en"] = "News", ["channel.email"] = "true", ["basis.fr"] = "consent", ["retentionDays"] = "365" }, tokenFrom: "/");

        var expected = role == "admin" ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden;
        Assert.Equal(expected, notice.StatusCode);
        Assert.Equal(expected, purpose.StatusCode);
        Assert.Equal(role == "admin" ? 1 : 0, app.InScope(db => db.Notices.Count(n => n.Key == key)));
        Assert.Equal(role == "admin" ? 1 : 0, app.InScope(db => db.Purposes.Count(p => p.Key == key)));
    }

    [Fact]
    public async Task Actions_SendTheSignedOut_ToSignIn_AndChangeNothing()
    {
        var target = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        using var session = WebSession.Anonymous(app);
        var token = await session.TokenAsync("/account/sign-in");

        var invite = await session.Client.PostAsync("/settings/users", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = $"status-{target.Id:N}", ["UserId"] = target.Id.ToString(), ["Status"] = "disable",
        }));
        var dashboard = await session.Client.PostAsync("/admin/jobs/recurring/trigger", new FormUrlEncodedContent([new("jobs[]", "x")]));

        Assert.Equal(HttpStatusCode.Redirect, invite.StatusCode);
        Assert.StartsWith("/account/sign-in", invite.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.Null(app.InScope(db => db.Users.Single(u => u.Id == target.Id).DisabledAt));
    }

    [Fact]
    public async Task ApiKey_OpensNoPage_AndTheSessionOpensNoApiRoute()
    {
        using var keyed = WebSession.Anonymous(app);
        keyed.Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await app.CreateKeyAsync(ApiKeyRole.Admin));
        using var session = await SessionAsync("admin");

        var page = await keyed.Client.GetAsync("/settings/users");
        var api = await session.Client.GetAsync("/api/admin/keys");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    private async Task<WebSession> SessionAsync(string role)
    {
        Assert.True(ApiKeyRoles.TryParse(role, out var parsed));
        var user = Users.GetOrAdd((app, parsed), _ => WebUsers.CreateAsync(app, parsed).GetAwaiter().GetResult());
        return await WebSession.SignInAsync(app, user);
    }
}

public sealed class RoleMatrixFacts_OnSqlite(SqliteApp app) : RoleMatrixFacts<SqliteApp>(app);

public sealed class RoleMatrixFacts_OnPostgres(PostgresApp app) : RoleMatrixFacts<PostgresApp>(app);
