using Marketing.Data;
using Marketing.Email;
using Marketing.Nurture;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>The email-enabled engine on a clock the test controls, with helpers to run the nurture and dispatch passes now.</summary>
public abstract class NurtureApp(DatabaseProvider provider) : EmailApp(provider)
{
    public TestClock Clock { get; } = new();

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
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            report = report.Add(await Services.GetRequiredService<NurtureEngine>().RunDueAsync(db, "test", CancellationToken.None));
            var now = Clock.GetUtcNow();
            var busy = await db.Enrolments.AnyAsync(e => e.Status == EnrolmentStatuses.Active && (e.DueAt <= now || e.ClaimedBy != null)
                && !db.Sequences.Any(s => s.Id == e.SequenceId && s.Status == SequenceStatuses.Paused));
            if (!busy || DateTime.UtcNow > deadline)
            {
                return report with { Enrolled = enrolled };
            }

            await Task.Delay(100);
        }
    }

    public async Task<DispatchReport> DispatchEmailAsync()
    {
        using var scope = Services.CreateScope();
        return await Services.GetRequiredService<EmailDispatcher>()
            .DispatchDueAsync(scope.ServiceProvider.GetRequiredService<MarketingDbContext>(), "test", CancellationToken.None);
    }
}

public sealed class SqliteNurtureApp() : NurtureApp(DatabaseProvider.Sqlite);

public sealed class PostgresNurtureApp() : NurtureApp(DatabaseProvider.Postgres);
