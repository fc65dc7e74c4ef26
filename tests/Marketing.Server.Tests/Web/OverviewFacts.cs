using Marketing.Capture;
using Marketing.Consent;
using Marketing.Leads;
using Marketing.Channels.Email;
using Marketing.Overview;
using Marketing.Sending;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Suppression;

namespace Marketing.Server.Tests.Web;

/// <summary>The home page's figures: UTC days, today counted apart, the 30th day back included and the 31st not.</summary>
public abstract class OverviewFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    /// <summary>Far from any other test's rows: these are the only ones in the window.</summary>
    private static readonly DateTimeOffset Now = new(2020, 3, 15, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Overview_CountsEachDay_TodayApart_AndOnlyTheWindow()
    {
        var today = new DateTimeOffset(2020, 3, 15, 0, 0, 0, TimeSpan.Zero);
        await OverviewData.SeedAsync(app, Now);

        var overview = await app.InScopeAsync(db => ReadOverview.HandleAsync(db, new TestClock(Now), CancellationToken.None));

        Assert.Equal(30, overview.Dates.Count);
        Assert.Equal(new DateTimeOffset(2020, 2, 15, 0, 0, 0, TimeSpan.Zero), overview.Dates[0]);
        Assert.Equal(today, overview.Dates[^1]);
        Assert.Equal(2, overview.CapturesPerDay[^1]);
        Assert.Equal(1, overview.CapturesPerDay[^2]);
        Assert.Equal(1, overview.CapturesPerDay[0]);
        Assert.Equal(4, overview.CapturesPerDay.Sum());
        Assert.Equal(1, overview.ConfirmationsPerDay[^1]);
        Assert.Equal(1, overview.ConfirmationsPerDay.Sum());
        Assert.Equal([new("blocked", 1, 3), new("sent", 2, 3)], overview.SendsByStatus.ToArray());
        Assert.Equal([new("consent withdrawn", 1, 2), new("no consent recorded for 'news' on email", 0, 1)], overview.BlocksByReason.ToArray());
        Assert.Equal([new("hard_bounce", 1, 1), new("soft_bounce", 0, 0), new("complaint", 0, 1)], overview.DeliveryFeedback.ToArray());
        var domain = Assert.Single(overview.Domains);
        Assert.Equal(("acme.example", false), (domain.Domain, domain.Passed));
        Assert.Equal(["dmarc"], domain.Failing);
        Assert.False(overview.MarketingPaused);
    }
}

public sealed class OverviewFacts_OnSqlite(SqliteApp app) : OverviewFacts<SqliteApp>(app);

public sealed class OverviewFacts_OnPostgres(PostgresApp app) : OverviewFacts<PostgresApp>(app);

/// <summary>Rows the home page counts, at known times before <c>now</c>.</summary>
public static class OverviewData
{
    public static Task SeedAsync(MarketingApp app) => SeedAsync(app, DateTimeOffset.UtcNow);

    public static async Task SeedAsync(MarketingApp app, DateTimeOffset now)
    {
        var day = TimeSpan.FromDays(1);
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        await app.InScopeAsync(async db =>
        {
            foreach (var at in new[] { now, today.AddMinutes(1), today.AddHours(-1), today - 29 * day, today - 30 * day })
            {
                db.Submissions.Add(new Submission
                {
                    Id = Guid.CreateVersion7(), FormId = "overview", ClientSubmissionId = Guid.NewGuid().ToString("N"), PersonId = Guid.NewGuid(),
                    ReceivedAt = at, ResultJson = "{}",
                });
            }

            var someone = new Person { Id = Guid.NewGuid(), Regime = "fr", Source = "test" };
            db.ConsentEvents.Add(ConsentLedger.Append(someone, new ConsentEvent
            {
                Id = Guid.CreateVersion7(), PersonId = someone.Id, Identifier = "x@example.com", IdentifierType = "email",
                PurposeKey = "news", Channel = "email", Regime = "fr", Status = ConsentStatuses.Confirmed, Method = "double_opt_in", OccurredAt = now.AddMinutes(-5),
            }, null).Event);
            Send(db, now.AddMinutes(-10), SendStatuses.Sent, null);
            Send(db, now.AddMinutes(-20), SendStatuses.Sent, null);
            Send(db, today - 3 * day, SendStatuses.Sent, null);
            Send(db, now.AddMinutes(-30), SendStatuses.Blocked, $"consent withdrawn (ledger event {Guid.NewGuid()})");
            Send(db, today - 2 * day, SendStatuses.Blocked, $"consent withdrawn (ledger event {Guid.NewGuid()})");
            Send(db, today - 2 * day, SendStatuses.Blocked, "no consent recorded for 'news' on email");
            Send(db, today - 31 * day, SendStatuses.Blocked, "no consent recorded for 'news' on email");
            Feedback(db, now.AddMinutes(-1), DeliveryEventKinds.HardBounce);
            Feedback(db, today - 5 * day, DeliveryEventKinds.Complaint);
            db.DomainChecks.Add(new DomainCheck
            {
                Id = Guid.CreateVersion7(), Domain = "acme.example", CheckedAt = today - 2 * day, Passed = true,
                Items = [new("spf", true, "pass"), new("dkim", true, "pass"), new("dmarc", true, "pass")],
            });
            db.DomainChecks.Add(new DomainCheck
            {
                Id = Guid.CreateVersion7(), Domain = "acme.example", CheckedAt = today - day, Passed = false,
                Items = [new("spf", true, "pass"), new("dkim", true, "pass"), new("dmarc", false, "no record")],
            });
            await db.SaveChangesAsync();
        });
    }

    private static void Send(Data.MarketingDbContext db, DateTimeOffset at, string status, string? reason) => db.SendRecords.Add(new SendRecord
    {
        Id = Guid.CreateVersion7(), Key = $"overview:{Guid.NewGuid():N}", PersonId = Guid.NewGuid(), Channel = "email", MessageType = MessageTypes.Marketing,
        PurposeKey = "news", TemplateKey = "welcome", Status = status, CreatedAt = at, DueAt = at,
        Decision = reason is null ? "allowed" : "blocked", DecisionReason = reason,
    });

    private static void Feedback(Data.MarketingDbContext db, DateTimeOffset at, string kind) => db.DeliveryFeedback.Add(new DeliveryFeedback
    {
        Id = Guid.CreateVersion7(), Kind = kind, AddressHash = Guid.NewGuid().ToString("N"), SendingDomain = "acme.example", ReceivedAt = at, Source = "test",
    });
}
