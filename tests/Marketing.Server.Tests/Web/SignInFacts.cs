using System.Net;
using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Web;

/// <summary>Passwords as the fallback (lockout, length), the second factor of admin, compliance and dpo, and the audit trail of it all (R48).</summary>
public abstract partial class SignInFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task Password_LocksTheAccountAfterFiveFailures_AndTheRightOneIsRefusedWhileLocked()
    {
        var user = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        using var session = WebSession.Anonymous(app);

        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await (await session.SignInWithPasswordAsync(user.Email, "wrong password number " + i)).Content.ReadAsStringAsync());
        }

        var right = await session.SignInWithPasswordAsync(user.Email, user.Password);

        Assert.All(answers[..4], page => Assert.Contains("The email address or the password is not right", page, StringComparison.Ordinal));
        Assert.Contains("this account is locked for 15 minutes", answers[4], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("this account is locked for 15 minutes", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var actions = app.InScope(db => db.AuditEntries.Where(a => a.Target == user.Id.ToString()).OrderBy(a => a.At).Select(a => a.Action).ToList());
        Assert.Equal(["user.sign_in_failed", "user.sign_in_failed", "user.sign_in_failed", "user.sign_in_failed", "user.locked_out", "user.locked_out"], actions);
    }

    [Fact]
    public async Task WrongPassword_ShowsTheErrorSummary_LinkingToTheField_AndTheMessageOnIt()
    {
        var user = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        using var session = WebSession.Anonymous(app);

        var page = await (await session.SignInWithPasswordAsync(user.Email, "not the password")).Content.ReadAsStringAsync();

        Assert.Contains("<title>Error: Sign in", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#email\">The email address or the password is not right</a>", page, StringComparison.Ordinal);
        Assert.Contains("id=\"email-error\"", page, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"email-error\" aria-invalid=\"true\"", page, StringComparison.Ordinal);
        // The address typed is kept; the password never comes back.
        Assert.Contains($"value=\"{user.Email}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("not the password", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAddress_GetsTheSameAnswerAsAWrongPassword_AndIsAudited()
    {
        using var session = WebSession.Anonymous(app);
        var email = $"nobody.{Guid.NewGuid():N}@staff.example";

        var page = await (await session.SignInWithPasswordAsync(email, "whatever it is")).Content.ReadAsStringAsync();

        Assert.Contains("The email address or the password is not right", page, StringComparison.Ordinal);
        var audit = Assert.Single(app.InScope(db => db.AuditEntries.Where(a => a.Actor == $"user:{email}").ToList()));
        Assert.Equal("user.sign_in_failed", audit.Action);
    }

    [Fact]
    public async Task Admin_WithAPasswordOnly_IsSentToEnrolASecondFactor_BeforeAnyOtherPage_ThenGetsIn()
    {
        var admin = await WebUsers.CreateAsync(app, ApiKeyRole.Admin, authenticator: false);
        using var session = WebSession.Anonymous(app);
        Assert.Equal("/", WebSession.PathOf(await session.SignInWithPasswordAsync(admin.Email, admin.Password)));

        foreach (var path in new[] { "/", "/settings/users", "/admin/jobs" })
        {
            var refused = await session.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Equal("/account/security", WebSession.PathOf(refused));
        }

        var security = await session.GetPageAsync("/account/security");
        Assert.Contains("Your role (Admin) needs a second factor", security, StringComparison.Ordinal);
        var key = KeyOnPage().Match(await session.GetPageAsync("/account/security/authenticator")).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        var enrolled = await session.PostFormAsync("/account/security/authenticator", "verify", new() { ["Code"] = Totp.Code(key) });

        Assert.Equal("/account/security?done=totp", WebSession.PathOf(enrolled));
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/settings/users")).StatusCode);
        Assert.True(app.InScope(db => db.Users.Single(u => u.Id == admin.Id).TwoFactorEnabled));
        Assert.Single(app.InScope(db => db.AuditEntries.Where(a => a.Target == admin.Id.ToString() && a.Action == "user.factor_added").ToList()));
    }

    [Fact]
    public async Task Admin_WithAnAuthenticator_MustTypeItsCode_AndAWrongCodeOpensNothing()
    {
        var admin = await WebUsers.CreateAsync(app, ApiKeyRole.Admin);
        using var session = WebSession.Anonymous(app);

        var password = await session.SignInWithPasswordAsync(admin.Email, admin.Password);
        var wrong = await session.PostFormAsync("/account/sign-in/code", "code", new() { ["Code"] = "000000" == Totp.Code(admin.AuthenticatorKey!) ? "111111" : "000000" });
        var home = await session.Client.GetAsync("/");

        Assert.Equal("/account/sign-in/code?returnUrl=%2F", WebSession.PathOf(password));
        Assert.Contains("The code is not right", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/account/sign-in", WebSession.PathOf(home), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_WithAPasskeyAndNoAuthenticator_CannotSignInWithThePasswordAlone()
    {
        var admin = await WebUsers.CreateAsync(app, ApiKeyRole.Admin, authenticator: false);
        await app.InScopeAsync(async db =>
        {
            db.UserPasskeys.Add(new IdentityUserPasskey<Guid>
            {
                UserId = admin.Id, CredentialId = Guid.NewGuid().ToByteArray(),
                Data = new IdentityPasskeyData { PublicKey = [1, 2, 3], CreatedAt = DateTimeOffset.UtcNow, AttestationObject = [1], ClientDataJson = [1], Name = "test" },
            });
            await db.SaveChangesAsync();
        });
        using var session = WebSession.Anonymous(app);

        var answer = await session.SignInWithPasswordAsync(admin.Email, admin.Password);
        var home = await session.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Your role signs in with your passkey", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/account/sign-in", WebSession.PathOf(home), StringComparison.Ordinal);
        Assert.Contains("user.sign_in_refused", app.InScope(db => db.AuditEntries.Where(a => a.Target == admin.Id.ToString()).Select(a => a.Action).ToList()));
    }

    [Fact]
    public async Task SignInAndSignOut_AreAudited_WithTheMethod()
    {
        var user = await WebUsers.CreateAsync(app, ApiKeyRole.Compliance);
        using var session = await WebSession.SignInAsync(app, user);

        var signedOut = await session.PostFormAsync("/account/sign-out", null, [], tokenFrom: "/");
        var after = await session.Client.GetAsync("/");

        Assert.Equal("/account/sign-in", WebSession.PathOf(signedOut));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        var entries = app.InScope(db => db.AuditEntries.Where(a => a.Target == user.Id.ToString()).OrderBy(a => a.At).ToList());
        Assert.Equal(["user.signed_in", "user.signed_out"], entries.Select(e => e.Action));
        Assert.Equal("method=mfa", entries[0].Detail);
        Assert.Equal($"user:{user.Email}", entries[0].Actor);
    }

    [Fact]
    public async Task DisablingAUser_EndsTheirSession_AtTheirNextRequest_AndIsAudited()
    {
        var admin = await WebUsers.CreateAsync(app, ApiKeyRole.Admin);
        var marketer = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        using var victim = await WebSession.SignInAsync(app, marketer);
        using var session = await WebSession.SignInAsync(app, admin);
        Assert.Equal(HttpStatusCode.OK, (await victim.Client.GetAsync("/")).StatusCode);

        var disabled = await session.PostFormAsync("/settings/users", $"status-{marketer.Id:N}", new() { ["UserId"] = marketer.Id.ToString(), ["Status"] = "disable" });
        var next = await victim.Client.GetAsync("/");
        using var again = WebSession.Anonymous(app);
        var signIn = await again.SignInWithPasswordAsync(marketer.Email, marketer.Password);

        Assert.Contains($"{marketer.Email} can no longer sign in.", await disabled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/account/sign-in", WebSession.PathOf(next), StringComparison.Ordinal);
        Assert.Contains("The email address or the password is not right", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var audit = Assert.Single(app.InScope(db => db.AuditEntries.Where(a => a.Target == marketer.Id.ToString() && a.Action == "user.disabled").ToList()));
        Assert.Equal($"user:{admin.Email}", audit.Actor);
    }

    [Fact]
    public async Task ARoleChange_TakesEffectAtTheNextRequest_AndIsAudited()
    {
        var admin = await WebUsers.CreateAsync(app, ApiKeyRole.Admin);
        var promoted = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer, authenticator: true);
        using var theirs = await WebSession.SignInAsync(app, promoted);
        using var session = await WebSession.SignInAsync(app, admin);
        Assert.Equal(HttpStatusCode.Forbidden, (await theirs.Client.GetAsync("/settings/users")).StatusCode);

        await session.PostFormAsync("/settings/users", $"role-{promoted.Id:N}", new() { ["UserId"] = promoted.Id.ToString(), ["Role"] = "admin" });

        Assert.Equal(HttpStatusCode.OK, (await theirs.Client.GetAsync("/settings/users")).StatusCode);
        var audit = Assert.Single(app.InScope(db => db.AuditEntries.Where(a => a.Target == promoted.Id.ToString() && a.Action == "user.role_changed").ToList()));
        Assert.Equal($"email={promoted.Email} from=marketer to=admin", audit.Detail);
    }

    [Fact]
    public async Task AnAdmin_CannotMakeOrUnmakeADpo_NorChangeThemself()
    {
        var admin = await WebUsers.CreateAsync(app, ApiKeyRole.Admin);
        var dpo = await WebUsers.CreateAsync(app, ApiKeyRole.Dpo);
        var marketer = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        using var session = await WebSession.SignInAsync(app, admin);
        var actor = new Actor($"user:{admin.Email}", ApiKeyRole.Admin, admin.Id);

        // The page offers no form for a DPO's row or the admin's own: forged posts find none.
        var demote = await session.PostFormAsync("/settings/users", $"role-{dpo.Id:N}", new() { ["UserId"] = dpo.Id.ToString(), ["Role"] = "marketer" });
        var self = await session.PostFormAsync("/settings/users", $"status-{admin.Id:N}", new() { ["UserId"] = admin.Id.ToString(), ["Status"] = "disable" });
        // The marketer's row has one, which does not offer dpo; posted anyway, the rule refuses it.
        var appoint = await session.PostFormAsync("/settings/users", $"role-{marketer.Id:N}", new() { ["UserId"] = marketer.Id.ToString(), ["Role"] = "dpo" });
        // And the use cases themselves, whoever calls them.
        var disable = await app.InScopeAsync(db => ChangeUser.DisableAsync(db, TimeProvider.System, dpo.Id, actor, CancellationToken.None));
        var selfRole = await app.InScopeAsync(db => ChangeUser.RoleAsync(db, TimeProvider.System, admin.Id, "marketer", actor, CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, demote.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.Contains("Only a DPO or the operator can give or take away the DPO role", await appoint.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(UserProblems.RoleNotYours, disable.Problem);
        Assert.Equal(UserProblems.NotYourself, selfRole.Problem);
        var users = app.InScope(db => db.Users.Where(u => u.Id == dpo.Id || u.Id == marketer.Id || u.Id == admin.Id).ToDictionary(u => u.Id));
        Assert.Equal((ApiKeyRole.Dpo, (DateTimeOffset?)null), (users[dpo.Id].Role, users[dpo.Id].DisabledAt));
        Assert.Equal(ApiKeyRole.Marketer, users[marketer.Id].Role);
        Assert.Equal((ApiKeyRole.Admin, (DateTimeOffset?)null), (users[admin.Id].Role, users[admin.Id].DisabledAt));
    }

    [Fact]
    public async Task FormPost_WithoutTheAntiforgeryToken_IsRefused_AndChangesNothing()
    {
        var admin = await WebUsers.CreateAsync(app, ApiKeyRole.Admin);
        var marketer = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        using var session = await WebSession.SignInAsync(app, admin);

        var forged = await session.Client.PostAsync("/settings/users", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = $"status-{marketer.Id:N}", ["UserId"] = marketer.Id.ToString(), ["Status"] = "disable",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null(app.InScope(db => db.Users.Single(u => u.Id == marketer.Id).DisabledAt));
    }

    [Fact]
    public async Task SessionCookie_IsSecure_HttpOnly_AndStrict()
    {
        var user = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        using var session = WebSession.Anonymous(app);

        var response = await session.SignInWithPasswordAsync(user.Email, user.Password);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("mk_session=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.Ordinal);
        Assert.Contains("; httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("; samesite=strict", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryPage_SendsTheAppsStrictPolicy()
    {
        using var session = WebSession.Anonymous(app);

        var response = await session.Client.GetAsync("/account/sign-in");

        Assert.Equal("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; " +
            "frame-ancestors 'none'; base-uri 'self'; object-src 'none'", string.Join("", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("DENY", string.Join("", response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("same-origin", string.Join("", response.Headers.GetValues("Referrer-Policy")));
    }

    [GeneratedRegex("data-testid=\"authenticator-key\">([a-z0-9 ]+)<")]
    private static partial Regex KeyOnPage();
}

public sealed class SignInFacts_OnSqlite(SqliteApp app) : SignInFacts<SqliteApp>(app);

public sealed class SignInFacts_OnPostgres(PostgresApp app) : SignInFacts<PostgresApp>(app);
