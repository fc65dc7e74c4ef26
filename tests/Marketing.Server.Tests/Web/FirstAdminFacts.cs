using System.Net;
using Marketing.Data;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Web;

/// <summary>The first admin, as an operator makes one: `marketing users invite` prints a one-time link that the served engine redeems.</summary>
public abstract class FirstAdminFacts(DatabaseProvider provider)
{
    [Fact]
    public async Task UsersInvite_PrintsALinkThatSetsUpTheAdminOnce_AndKeepsOnlyItsHash()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = database.Settings();

        var (exitCode, stdout, stderr) = await EngineProcess.RunAsync(database.Directory, settings,
            "users", "invite", "--role", "admin", "--email", "First.Admin@Example.com");

        Assert.True(exitCode == 0, stderr);
        var link = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Trim();
        Assert.Matches(@"^http://localhost:5000/account/link/[A-Za-z0-9_-]{43}$", link);
        Assert.Contains("Invited first.admin@example.com as admin", stderr, StringComparison.Ordinal);
        var token = link[(link.LastIndexOf('/') + 1)..];
        await using (var db = database.OpenContext())
        {
            var user = await db.Users.SingleAsync();
            Assert.Equal(("first.admin@example.com", Marketing.Access.ApiKeyRole.Admin), (user.Email, user.Role));
            var stored = await db.AccountLinks.SingleAsync();
            Assert.Equal(Marketing.Access.AccountLink.HashToken(token), stored.TokenHash);
            Assert.DoesNotContain(token, await db.AuditEntries.Select(a => a.Detail ?? "").ToListAsync());
        }

        await using var engine = await EngineProcess.StartAsync(database.Directory, settings);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = engine.BaseAddress };
        var path = new Uri(link).AbsolutePath;
        var page = await browser.GetStringAsync(path);
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "password", ["NewPassword"] = "the first admin's passphrase",
            ["__RequestVerificationToken"] = WebSession.TokenIn(page),
        });
        var accepted = await browser.PostAsync(path, form);
        var again = await browser.GetStringAsync(path);

        Assert.Contains("first.admin@example.com", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/", accepted.Headers.Location!.OriginalString.Replace(engine.BaseAddress.ToString().TrimEnd('/'), "", StringComparison.Ordinal));
        Assert.Contains("This link is not valid, or has already been used.", again, StringComparison.Ordinal);
        await using (var db = database.OpenContext())
        {
            Assert.NotNull((await db.Users.SingleAsync()).PasswordHash);
        }
    }

    [Fact]
    public async Task UsersInvite_RefusesABadAddress_WithOneLineNamingIt()
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var (exitCode, stdout, stderr) = await EngineProcess.RunAsync(database.Directory, database.Settings(),
            "users", "invite", "--role", "admin", "--email", "not-an-address");

        Assert.Equal(1, exitCode);
        Assert.Equal("", stdout);
        Assert.Equal("marketing: --email must be a valid email address", stderr.Trim());
    }
}

public sealed class FirstAdminFacts_OnSqlite() : FirstAdminFacts(DatabaseProvider.Sqlite);

public sealed class FirstAdminFacts_OnPostgres() : FirstAdminFacts(DatabaseProvider.Postgres);
