using Marketing.Data;
using Marketing.Nurture;
using Marketing.Sending;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>The email-enabled engine on a clock the test controls, with helpers to run the nurture and dispatch passes now.</summary>
public abstract class NurtureApp(DatabaseProvider provider, DateTimeOffset? clockAt = null) : EmailApp(provider)
{
    public TestClock Clock { get; } = new(clockAt);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>
    /// Enrols whoever a trigger fired for, and advances every due enrolment. The engine's own Hangfire passes
    /// run too and may hold some enrolments: this returns once none is due or held.
    /// </summary>
    public async Task<NurturePassReport> RunNurtureAsync()
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        var enrolled = await Enrol.TriggeredAsync(db, Clock.GetUtcNow(), CancellationToken.None);
        var report = NurturePassReport.Empty;
        await Eventually.ReturnsAsync(async () =>
        {
            report = report.Add(await Services.GetRequiredService<NurtureEngine>().RunDueAsync(db, "test", CancellationToken.None));
            var now = Clock.GetUtcNow();
            return await db.Enrolments.AnyAsync(e => e.Status == EnrolmentStatuses.Active && (e.DueAt <= now || e.ClaimedBy != null)
                && !db.Sequences.Any(s => s.Id == e.SequenceId && s.Status == SequenceStatuses.Paused));
        }, busy => !busy, TimeSpan.FromSeconds(30));
        return report with { Enrolled = enrolled };
    }
}

public sealed class SqliteNurtureApp() : NurtureApp(DatabaseProvider.Sqlite);

public sealed class PostgresNurtureApp() : NurtureApp(DatabaseProvider.Postgres);

/// <summary>
/// Email and SMS together, as a sequence uses them: the SMS channel points at a local Twilio stand-in, and the
/// clock stands on a Tuesday morning in Paris, inside the French SMS window.
/// </summary>
public abstract class JourneyApp(DatabaseProvider provider) : NurtureApp(provider, SmsApp.Tuesday10Paris)
{
    public TwilioStub Twilio { get; } = new();

    protected override IReadOnlyDictionary<string, string> ExtraSettings =>
        new Dictionary<string, string>(base.ExtraSettings.Concat(SmsApp.ChannelSettings(Twilio)));

    /// <summary>An inbound SMS from a person, signed as Twilio signs it for the engine's public address.</summary>
    public Task<HttpResponseMessage> ReplyAsync(string phone, string body) =>
        SmsApp.PostWebhookAsync(CreateClient(), PublicBaseUrl, "/api/sms/inbound", SmsApp.InboundForm(phone, body));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Twilio.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteJourneyApp() : JourneyApp(DatabaseProvider.Sqlite);

public sealed class PostgresJourneyApp() : JourneyApp(DatabaseProvider.Postgres);
