using System.Net;
using System.Text.RegularExpressions;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Marketing.Server.Tests.Capture;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Marketing.Server.Tests.Channels.Email;


/// <summary>
/// A newcomer's first ten minutes: with no SMTP relay, the embedded default writes mail to data/outbox as .eml
/// files, through the same gate, dispatcher and records, so the double-opt-in link can be followed on a fresh machine.
/// On PostgreSQL the outbox is used only when asked for; otherwise mail waits for a relay.
/// </summary>
public abstract partial class OutboxFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task WithNoRelay_TheConfirmationLandsInTheOutbox_AndItsLinkConfirms()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        var email = $"outbox.{Guid.NewGuid():N}@example.com";
        await scenario.SubmitAsync(app.CreateClient(), email, [scenario.Newsletter]);
        var outbox = Path.Combine(app.Database.Directory, "data", "outbox");

        var file = await Eventually.ReturnsAsync(() => Task.FromResult(FileFor(outbox, email)), f => f is not null, TimeSpan.FromSeconds(60));
        Assert.NotNull(file);
        var message = await MimeMessage.LoadAsync(file);
        var link = ConfirmLink().Match(message.TextBody ?? "");
        var confirmed = await app.CreateClient().PostAsync(link.Value, null);

        Assert.True(link.Success, message.TextBody);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var personId = app.InScope(db => db.People.Single(p => p.Email == email).Id);
        Assert.Equal(ConsentStatuses.Confirmed, app.InScope(db => db.ConsentStates.Single(s => s.PersonId == personId && s.Channel == ChannelKeys.Email).Status));
        var record = app.InScope(db => db.SendRecords.AsNoTracking().Single(r => r.PersonId == personId));
        Assert.Equal((SendStatuses.Sent, message.MessageId, GateDecisionAllowed), (record.Status, record.MessageId, record.Decision));
    }

    private const string GateDecisionAllowed = "allowed";

    private static string? FileFor(string outbox, string email) => !Directory.Exists(outbox) ? null
        : Directory.EnumerateFiles(outbox, "*.eml").FirstOrDefault(f => MimeMessage.Load(f).To.Mailboxes.Any(m => m.Address == email));

    [GeneratedRegex("/email/confirm/[A-Za-z0-9_-]+")]
    private static partial Regex ConfirmLink();
}

public sealed class OutboxFacts_OnSqlite(SqliteApp app) : OutboxFacts<SqliteApp>(app);

public sealed class OutboxFacts_OnPostgres(PostgresOutboxApp app) : OutboxFacts<PostgresOutboxApp>(app);

/// <summary>PostgreSQL, production: with no relay, mail waits, queued, unless the outbox is asked for.</summary>
public sealed class NoRelayFacts_OnPostgres(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task WithNoRelay_MailStaysQueued_AndNoOutboxIsWritten()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        var email = $"norelay.{Guid.NewGuid():N}@example.com";
        await scenario.SubmitAsync(app.CreateClient(), email, [scenario.Newsletter]);

        var report = await app.DispatchEmailAsync();

        Assert.Equal(0, report.Total);
        Assert.Equal(SendStatuses.Queued, app.InScope(db => db.SendRecords.Single(r => db.People.Any(p => p.Id == r.PersonId && p.Email == email)).Status));
        Assert.False(Directory.Exists(Path.Combine(app.Database.Directory, "data", "outbox")));
    }
}

public sealed class PostgresOutboxApp() : MarketingApp(DatabaseProvider.Postgres)
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string> { ["Marketing__Email__Outbox__Enabled"] = "true" };
}
