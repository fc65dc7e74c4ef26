using Marketing.Data;
using Marketing.Nurture;
using Marketing.Sending;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Nurture;

/// <summary>
/// Invariant 3 with real processes on one PostgreSQL: several engine nodes work the same due steps, and one is
/// killed in the middle of a batch. Messages are counted where they arrive: the SMTP server and the Twilio stand-in.
/// </summary>
public sealed class NurtureProcessFacts
{
    [Fact]
    public async Task ThreeProcesses_DispatchTenThousandDueSteps_EachExactlyOnce()
    {
        const int People = 5_000; // an email step and an SMS step each
        await using var sink = new SmtpSink();
        using var twilio = new TwilioStub();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var settings = EngineNodes.Settings(database, sink, twilio);
        var key = await EngineProcess.CreateAdminKeyAsync(database.Directory, settings);
        await using var engines = await EngineGroup.StartAsync(database, settings, 3);
        using var admin = engines[0].CreateClient(key, TimeSpan.FromSeconds(60));
        await EngineNodes.EnrolAsync(database, admin, People, EngineNodes.EmailThenSms);

        var idle = await EngineNodes.WaitUntilIdleAsync(database, () => sink.Messages.Count + twilio.Requests.Count, TimeSpan.FromMinutes(4));

        var messages = sink.Messages;
        Assert.True(idle && People == messages.Count && People == twilio.Requests.Count,
            $"idle: {idle}; {messages.Count} emails and {twilio.Requests.Count} SMS received; {await EngineNodes.DescribeAsync(database)}");
        AssertEachOnce(messages, twilio, People);
        await using var db = database.OpenContext();
        Assert.Equal(2 * People, await db.SendRecords.CountAsync(r => r.EnrolmentId != null && r.Status == SendStatuses.Sent));
        Assert.Equal(People, await db.Enrolments.CountAsync(e => e.Status == EnrolmentStatuses.Completed));
        // The work was shared: more than one node's dispatcher sent messages.
        var nodes = await db.SendRecords.Where(r => r.EnrolmentId != null).Select(r => r.ClaimedBy!).ToListAsync();
        Assert.True(nodes.Select(EngineNodes.NodeOf).Distinct().Count() > 1, string.Join(", ", nodes.Select(EngineNodes.NodeOf).Distinct()));
    }

    /// <summary>
    /// The node that advances sequences is killed (SIGKILL) while it holds a batch; once restarted, its claims lapse
    /// and are taken again. The senders run on another node, as a deployment that splits them would.
    /// </summary>
    [Fact]
    public async Task WorkerKilledMidBatch_AndRestarted_LosesNoStep_AndDoublesNone()
    {
        const int People = 2_000;
        await using var sink = new SmtpSink();
        using var twilio = new TwilioStub();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var settings = EngineNodes.Settings(database, sink, twilio);
        var key = await EngineProcess.CreateAdminKeyAsync(database.Directory, settings);
        var workerSettings = new Dictionary<string, string>(settings) { ["Marketing:Jobs:Queues:0"] = "nurture" };
        var senderSettings = new Dictionary<string, string>(settings) { ["Marketing:Jobs:Queues:0"] = "send", ["Marketing:Jobs:Queues:1"] = "default" };
        await using var sender = await EngineProcess.StartAsync(database.Directory, senderSettings);
        var worker = await EngineProcess.StartAsync(database.Directory, workerSettings);
        try
        {
            using var admin = sender.CreateClient(key, TimeSpan.FromSeconds(60));
            await EngineNodes.EnrolAsync(database, admin, People, EngineNodes.EmailThenSms);

            await using var db = database.OpenContext();
            var claim = $"%:{worker.ProcessId}:%";
            var held = await Eventually.ReturnsAsync(
                async () => await db.Enrolments.CountAsync(e => EF.Functions.Like(e.ClaimedBy!, claim)), count => count > 0, TimeSpan.FromSeconds(60));
            await worker.KillAsync();
            var sentAtKill = sink.Messages.Count + twilio.Requests.Count;
            await worker.DisposeAsync();
            worker = await EngineProcess.StartAsync(database.Directory, workerSettings);

            var idle = await EngineNodes.WaitUntilIdleAsync(database, () => sink.Messages.Count + twilio.Requests.Count, TimeSpan.FromMinutes(5));

            Assert.True(held > 0);
            Assert.True(sentAtKill < 2 * People, $"the kill came after everything was sent ({sentAtKill})");
            Assert.True(idle && People == sink.Messages.Count && People == twilio.Requests.Count,
                $"idle: {idle}; {sink.Messages.Count} emails and {twilio.Requests.Count} SMS; {await EngineNodes.DescribeAsync(database)}");
            AssertEachOnce(sink.Messages, twilio, People);
            db.ChangeTracker.Clear();
            Assert.Equal(2 * People, await db.SendRecords.CountAsync(r => r.EnrolmentId != null));
            Assert.Equal(People, await db.Enrolments.CountAsync(e => e.Status == EnrolmentStatuses.Completed && e.ClaimedBy == null));
        }
        finally
        {
            await worker.DisposeAsync();
        }
    }

    private static void AssertEachOnce(IReadOnlyList<SmtpSink.Received> messages, TwilioStub twilio, int people)
    {
        Assert.Equal(people, messages.Select(m => m.Message.MessageId).Distinct().Count());
        Assert.Equal(people, messages.SelectMany(m => m.Recipients).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(people, twilio.Requests.Select(r => r["To"]).Distinct().Count());
    }
}
