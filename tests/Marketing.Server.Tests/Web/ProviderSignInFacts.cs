using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// Sign-in through the company's OpenID Connect provider, past the protocol: the ID token's groups give the role each
/// time (Marketing:Web:Oidc:Roles), the subject links one local user, and a user disabled here stays out.
/// </summary>
public abstract class ProviderSignInFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    private static readonly Dictionary<string, string> Mapping = new() { ["mkt"] = "marketer", ["legal"] = "compliance", ["it"] = "admin" };

    [Fact]
    public async Task FirstSignIn_MakesTheUserWithTheMappedRole_AndLaterGroupsChangeIt()
    {
        var subject = Guid.NewGuid().ToString("N");
        var email = $"oidc.{subject}@acme.example";

        var first = await SignInAsync(subject, email, ["staff", "mkt"]);
        var again = await SignInAsync(subject, email, ["mkt", "legal"]);

        Assert.Equal(ApiKeyRole.Marketer, first.User!.Role);
        Assert.Equal(first.User.Id, again.User!.Id);
        Assert.Equal(ApiKeyRole.Compliance, again.User.Role);
        Assert.Equal(1, app.InScope(db => db.Users.Count(u => u.Email == email)));
        var actions = app.InScope(db => db.AuditEntries.Where(a => a.Target == first.User.Id.ToString()).OrderBy(a => a.At).Select(a => a.Action + " " + a.Detail).ToList());
        Assert.Equal([$"user.created_from_provider email={email} role=marketer", $"user.role_changed email={email} from=marketer to=compliance (groups)"], actions);
    }

    [Fact]
    public async Task AnInvitedUser_IsLinkedByTheirAddress_NotMadeTwice()
    {
        var invited = await WebUsers.CreateAsync(app, ApiKeyRole.Admin);

        var outcome = await SignInAsync(Guid.NewGuid().ToString("N"), invited.Email, ["it"]);

        Assert.Equal(invited.Id, outcome.User!.Id);
    }

    [Fact]
    public async Task NoMappedGroup_IsRefused_AndAudited()
    {
        var email = $"outsider.{Guid.NewGuid():N}@acme.example";

        var outcome = await SignInAsync(Guid.NewGuid().ToString("N"), email, ["sales"]);

        Assert.Equal((null, ProvisionProviderUser.NoMappedGroup), (outcome.User, outcome.Problem));
        Assert.Equal(0, app.InScope(db => db.Users.Count(u => u.Email == email)));
        Assert.Single(app.InScope(db => db.AuditEntries.Where(a => a.Actor == $"user:{email}" && a.Action == "user.sign_in_refused").ToList()));
    }

    [Fact]
    public async Task AUserDisabledHere_StaysOut_WhateverTheProviderSays()
    {
        var subject = Guid.NewGuid().ToString("N");
        var email = $"leaver.{subject}@acme.example";
        var user = (await SignInAsync(subject, email, ["it"])).User!;
        await app.InScopeAsync(db => ChangeUser.DisableAsync(db, TimeProvider.System, user.Id, Actor.Operator, CancellationToken.None));

        var outcome = await SignInAsync(subject, email, ["it"]);

        Assert.Equal((null, ProvisionProviderUser.DisabledUser), (outcome.User, outcome.Problem));
    }

    private Task<ProvisionProviderUser.Outcome> SignInAsync(string subject, string email, string[] groups) =>
        app.InScopeAsync(db => ProvisionProviderUser.HandleAsync(db, TimeProvider.System, subject, email, groups, Mapping, CancellationToken.None));
}

public sealed class ProviderSignInFacts_OnSqlite(SqliteApp app) : ProviderSignInFacts<SqliteApp>(app);

public sealed class ProviderSignInFacts_OnPostgres(PostgresApp app) : ProviderSignInFacts<PostgresApp>(app);
