using Marketing.Nurture;
using Marketing.Sending;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Server.Tests.Web;

namespace Marketing.Server.Tests.Nurture;

/// <summary>
/// The published flow in numbers, counted per step and status by the database (send_records.step_id): what each step's
/// messages became, refusals by reason apart from skips, who waits where and who reached the goal.
/// </summary>
public abstract class SequenceStatsFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task Stats_CountEachStepsMessages_ByStatus_AndRefusalsByReason()
    {
        var flow = await SequenceData.PublishedWithPeopleAsync(app);
        await app.InScopeAsync(async db =>
        {
            var at = new DateTimeOffset(2026, 11, 4, 9, 0, 0, TimeSpan.Zero);
            void Later(Guid enrolment, string status) => db.SendRecords.Add(new SendRecord
            {
                Id = Guid.CreateVersion7(), Key = $"seq:{enrolment:N}:5:mail", PersonId = db.Enrolments.Single(e => e.Id == enrolment).PersonId, Channel = "email",
                MessageType = MessageTypes.Marketing, PurposeKey = flow.PurposeKey, TemplateKey = "welcome", Status = status, CreatedAt = at, DueAt = at,
                Decision = GateDecision.AllowedDecision, EnrolmentId = enrolment, StepId = "mail",
            });
            Later(flow.Enrolments[0], SendStatuses.Queued);
            Later(flow.Enrolments[1], SendStatuses.Failed);
            await db.SaveChangesAsync();
        });

        var stats = (await app.InScopeAsync(db => ReadSequenceStats.HandleAsync(db, flow.Key, CancellationToken.None)))!;

        Assert.Equal((1, 5), (stats.Version, stats.Enrolled));
        var mail = stats.Steps.Single(s => s.StepId == "mail");
        Assert.Equal((0, 3, 1, 1, 1, 0), (mail.Waiting, mail.Sent, mail.Queued, mail.Skipped, mail.Failed, mail.GoalReached));
        Assert.Equal([("the person withdrew consent", 1)], mail.Blocked);
        var pause = stats.Steps.Single(s => s.StepId == "pause");
        Assert.Equal((3, 0, 0, 0, 0), (pause.Waiting, pause.Sent, pause.Skipped, pause.BlockedTotal, pause.GoalReached));
        Assert.Equal(1, stats.Steps.Single(s => s.StepId == "check").GoalReached);
        Assert.Equal(0, stats.Steps.Single(s => s.StepId == "done").Sent);
    }
}

public sealed class SequenceStatsFacts_OnSqlite(SqliteApp app) : SequenceStatsFacts<SqliteApp>(app);

public sealed class SequenceStatsFacts_OnPostgres(PostgresApp app) : SequenceStatsFacts<PostgresApp>(app);
