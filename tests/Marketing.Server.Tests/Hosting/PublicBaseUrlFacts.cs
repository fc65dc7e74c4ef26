using System.Net;
using Marketing.Data;
using Marketing.Server.Tests.Channels.Email;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Hosting;

/// <summary>
/// Links in mail start with Marketing:PublicBaseUrl. Over plain http the one-click unsubscribe of
/// RFC 8058 is not allowed, so the engine refuses such an address unless it is this machine's own (a local trial) or
/// development is declared with Marketing:Development=true.
/// </summary>
public abstract class PublicBaseUrlFacts(DatabaseProvider provider)
{
    [Theory]
    [InlineData("http://engine.acme.example")]
    [InlineData("http://192.0.2.10:8080")]
    public async Task Start_RefusesAPlainHttpAddress_WithOneLineNamingTheSetting(string address)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = database.Settings();
        settings["Marketing:PublicBaseUrl"] = address;

        var (exitCode, stdout, stderr) = await EngineProcess.RunAsync(database.Directory, settings);

        Assert.Equal(2, exitCode);
        var line = Assert.Single((stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Marketing:PublicBaseUrl", line, StringComparison.Ordinal);
        Assert.Contains("https", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_AcceptsAPlainHttpAddress_WhenDevelopmentIsDeclared()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = database.Settings();
        settings["Marketing:PublicBaseUrl"] = "http://engine.acme.example";
        settings["Marketing:Development"] = "true";

        await using var engine = await EngineProcess.StartAsync(database.Directory, settings);
        using var client = engine.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}

public sealed class PublicBaseUrlFacts_OnSqlite() : PublicBaseUrlFacts(DatabaseProvider.Sqlite);

public sealed class PublicBaseUrlFacts_OnPostgres() : PublicBaseUrlFacts(DatabaseProvider.Postgres);

/// <summary>The engine as a local trial runs it: links to http://localhost.</summary>
public abstract class LocalTrialEmailApp(DatabaseProvider provider) : EmailApp(provider)
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings =>
        new Dictionary<string, string>(base.ExtraSettings) { ["Marketing__PublicBaseUrl"] = "http://localhost:5000" };
}

public sealed class SqliteLocalTrialEmailApp() : LocalTrialEmailApp(DatabaseProvider.Sqlite);

public sealed class PostgresLocalTrialEmailApp() : LocalTrialEmailApp(DatabaseProvider.Postgres);

public abstract class LocalTrialEmailFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : LocalTrialEmailApp
{
    [Fact]
    public async Task MarketingEmail_OverPlainHttp_OffersTheUnsubscribeLink_ButNoOneClickPost()
    {
        var journey = await EmailJourney.StartAsync(app);
        var email = EmailJourney.NewAddress("trial");
        var personId = await journey.SubscribedAsync(email);

        var sent = await journey.SettledAsync(await journey.QueueAsync(personId));
        var message = await app.Smtp.WaitForAsync(email, count: 2);

        Assert.Equal("sent", sent.GetProperty("status").GetString());
        Assert.StartsWith("<http://localhost:5000/email/unsubscribe/", message.Message.Headers[MimeKit.HeaderId.ListUnsubscribe], StringComparison.Ordinal);
        Assert.Null(message.Message.Headers[MimeKit.HeaderId.ListUnsubscribePost]);
    }
}

public sealed class LocalTrialEmailFacts_OnSqlite(SqliteLocalTrialEmailApp app) : LocalTrialEmailFacts<SqliteLocalTrialEmailApp>(app);

public sealed class LocalTrialEmailFacts_OnPostgres(PostgresLocalTrialEmailApp app) : LocalTrialEmailFacts<PostgresLocalTrialEmailApp>(app);
