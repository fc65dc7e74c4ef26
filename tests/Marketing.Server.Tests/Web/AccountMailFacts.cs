using System.Net;
using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Sending;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// Invitations and resets go out as any email does: a send record decided by the gate at sending, on its transactional
/// path (reference account:…), to a user who is not a person of the lead store; their link works once (ADR 9).
/// </summary>
public abstract partial class AccountMailFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : EmailApp
{
    [Fact]
    public async Task Invitation_FromTheApp_IsMailedThroughTheGate_AndItsLinkSetsAPasswordOnce()
    {
        var admin = await WebUsers.CreateAsync(app, ApiKeyRole.Admin);
        using var session = await WebSession.SignInAsync(app, admin);
        var email = $"new.colleague.{Guid.NewGuid():N}@staff.example";
        var people = app.InScope(db => db.People.Count());

        var invited = await session.PostFormAsync("/settings/users", "invite",
            new() { ["Invite.Email"] = email, ["Invite.DisplayName"] = "Grace", ["Invite.Role"] = "compliance", ["Invite.Locale"] = "fr" });
        await app.DispatchEmailAsync();

        Assert.Contains($"An invitation to {email} is on its way", await invited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var user = app.InScope(db => db.Users.Single(u => u.Email == email));
        var record = app.InScope(db => db.SendRecords.Single(r => r.PersonId == user.Id));
        Assert.Equal((SendRecipients.User, MessageTypes.Transactional, "account:invitation", SendStatuses.Sent, "allowed", "transactional_reference"),
            (record.Recipient, record.MessageType, record.Reference, record.Status, record.Decision, record.EvidenceKind));
        Assert.Equal(people, app.InScope(db => db.People.Count()));
        var message = (await app.Smtp.WaitForAsync(email)).Message;
        Assert.Equal("Vous êtes invité sur Acme", message.Subject);
        Assert.Contains("Bonjour Grace", message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("hello@acme.example", message.From.Mailboxes.Single().Address);
        var link = LinkIn(message.HtmlBody);
        var token = link[(link.LastIndexOf('/') + 1)..];
        // Only the token's hash is kept.
        Assert.DoesNotContain(app.InScope(db => db.AccountLinks.Select(l => l.TokenHash).ToList()), h => h == token);
        Assert.DoesNotContain(token, record.Data.Values);

        using var invitee = WebSession.Anonymous(app);
        var path = new Uri(link).AbsolutePath;
        Assert.Contains(email, await invitee.GetPageAsync(path), StringComparison.Ordinal);
        var accepted = await invitee.PostFormAsync(path, "password", new() { ["NewPassword"] = "a long enough new password" });
        var reused = await invitee.GetPageAsync(path);

        Assert.Equal("/", WebSession.PathOf(accepted));
        Assert.Equal(HttpStatusCode.Redirect, (await invitee.Client.GetAsync("/")).StatusCode);
        Assert.Contains("/account/security", WebSession.PathOf(await invitee.Client.GetAsync("/")), StringComparison.Ordinal);
        Assert.Contains("This link is not valid, or has already been used.", reused, StringComparison.Ordinal);
        var actions = app.InScope(db => db.AuditEntries.Where(a => a.Target == user.Id.ToString()).OrderBy(a => a.At).Select(a => a.Action).ToList());
        Assert.Equal(["user.invited", "user.invitation_accepted", "user.signed_in"], actions);
    }

    [Fact]
    public async Task InvitationLink_RefusesAShortPassword_AndStaysUsable()
    {
        var (path, _) = await InviteWithPrintedLinkAsync(ApiKeyRole.Marketer);
        using var invitee = WebSession.Anonymous(app);

        var refused = await invitee.PostFormAsync(path, "password", new() { ["NewPassword"] = "too short" });
        var page = await refused.Content.ReadAsStringAsync();
        var accepted = await invitee.PostFormAsync(path, "password", new() { ["NewPassword"] = "twelve chars" });

        Assert.Contains("<a href=\"#new-password\">Your password must be at least 12 characters</a>", page, StringComparison.Ordinal);
        Assert.Equal("/", WebSession.PathOf(accepted));
        Assert.Equal(HttpStatusCode.OK, (await invitee.Client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task ExpiredLink_IsRefused_AndAMailScannerOpeningAFreshOneSpendsNothing()
    {
        var (path, user) = await InviteWithPrintedLinkAsync(ApiKeyRole.Marketer);
        using var scanner = WebSession.Anonymous(app);
        await scanner.GetPageAsync(path);
        await scanner.GetPageAsync(path);
        Assert.Null(app.InScope(db => db.AccountLinks.Single(l => l.UserId == user.Id).UsedAt));

        await app.InScopeAsync(async db =>
        {
            db.AccountLinks.Single(l => l.UserId == user.Id).ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        });
        using var late = WebSession.Anonymous(app);

        Assert.Contains("This link has expired.", await late.GetPageAsync(path), StringComparison.Ordinal);
        // An expired link's page offers no form: a post finds none to answer.
        var refused = await late.PostFormAsync(path, "password", new() { ["NewPassword"] = "a long enough new password" }, tokenFrom: "/account/sign-in");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null(app.InScope(db => db.Users.Single(u => u.Id == user.Id).PasswordHash));
    }

    [Fact]
    public async Task Reset_IsMailedToAUser_NeverSaysWhetherTheAddressIsOne_AndIsSentOncePerFewMinutes()
    {
        var user = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        using var session = WebSession.Anonymous(app);
        var stranger = $"stranger.{Guid.NewGuid():N}@elsewhere.example";

        var known = await (await session.PostFormAsync("/account/forgot", "forgot", new() { ["Email"] = user.Email })).Content.ReadAsStringAsync();
        var again = await (await session.PostFormAsync("/account/forgot", "forgot", new() { ["Email"] = user.Email })).Content.ReadAsStringAsync();
        var unknown = await (await session.PostFormAsync("/account/forgot", "forgot", new() { ["Email"] = stranger })).Content.ReadAsStringAsync();
        await app.DispatchEmailAsync();

        Assert.All(new[] { known, again, unknown }, page => Assert.Contains("If an account uses this address, a link is on its way.", page, StringComparison.Ordinal));
        var message = Assert.Single(app.Smtp.To(user.Email)).Message;
        Assert.Equal("Your new way to sign in to Acme", message.Subject);
        Assert.Empty(app.Smtp.To(stranger));
        Assert.Equal("account:reset", app.InScope(db => db.SendRecords.Single(r => r.PersonId == user.Id)).Reference);

        using var browser = WebSession.Anonymous(app);
        var path = new Uri(LinkIn(message.HtmlBody)).AbsolutePath;
        Assert.Equal("/", WebSession.PathOf(await browser.PostFormAsync(path, "password", new() { ["NewPassword"] = "my brand new passphrase" })));
        using var later = WebSession.Anonymous(app);
        Assert.Equal("/", WebSession.PathOf(await later.SignInWithPasswordAsync(user.Email, "my brand new passphrase")));
    }

    [Fact]
    public async Task Gate_RefusesAUserAnythingButAccountMail()
    {
        var user = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        var now = DateTimeOffset.UtcNow;
        await app.InScopeAsync(async db =>
        {
            db.SendRecords.AddRange(
                Record(user.Id, MessageTypes.Marketing, "welcome", null, now),
                Record(user.Id, MessageTypes.Transactional, "unsubscribe-confirmation", "order:1", now),
                Record(user.Id, MessageTypes.Transactional, "account-reset", "request:1", now));
            await db.SaveChangesAsync();
        });

        await app.DispatchEmailAsync();

        var records = app.InScope(db => db.SendRecords.Where(r => r.PersonId == user.Id).ToList());
        Assert.Equal(3, records.Count);
        Assert.All(records, r => Assert.Equal((SendStatuses.Blocked, "a user of the app receives only transactional messages about their account (reference account:…)"),
            (r.Status, r.DecisionReason)));
        Assert.Empty(app.Smtp.To(user.Email));
    }

    /// <summary>An invitation as the CLI makes one: the link handed over, not mailed.</summary>
    private async Task<(string Path, User User)> InviteWithPrintedLinkAsync(ApiKeyRole role)
    {
        var outcome = await app.InScopeAsync(db => InviteUser.HandleAsync(db, TimeProvider.System,
            new InviteUser.Request($"printed.{Guid.NewGuid():N}@staff.example", role.ToName()), Actor.Operator, emailed: false, CancellationToken.None));
        Assert.True(outcome.Succeeded);
        return ($"/account/link/{outcome.Token}", outcome.User!);
    }

    private static SendRecord Record(Guid userId, string type, string template, string? reference, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(), Key = $"test:{Guid.NewGuid():N}", PersonId = userId, Recipient = SendRecipients.User, Channel = "email",
        MessageType = type, TemplateKey = template, Reference = reference, PurposeKey = type == MessageTypes.Marketing ? "newsletter" : null,
        Status = SendStatuses.Queued, CreatedAt = now, DueAt = now,
    };

    private static string LinkIn(string? html) => WebUtility.HtmlDecode(AccountLink().Match(html ?? "").Groups[1].Value);

    [GeneratedRegex("href=\"([^\"]+/account/link/[^\"]+)\"")]
    private static partial Regex AccountLink();
}

public sealed class AccountMailFacts_OnSqlite(SqliteEmailApp app) : AccountMailFacts<SqliteEmailApp>(app);

public sealed class AccountMailFacts_OnPostgres(PostgresEmailApp app) : AccountMailFacts<PostgresEmailApp>(app);
