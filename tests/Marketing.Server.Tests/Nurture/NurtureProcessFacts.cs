using System.Globalization;
using System.Net.Http.Json;
using Marketing.Data;
using Marketing.Leads;
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
    private const string Purpose = "product_news";

    [Fact]
    public async Task ThreeProcesses_DispatchTenThousandDueSteps_EachExactlyOnce()
    {
        const int People = 5_000; // an email step and an SMS step each
        await using var sink = new SmtpSink();
        using var twilio = new TwilioStub();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var settings = Settings(database, sink, twilio);
        var key = await EngineProcess.CreateAdminKeyAsync(database.Directory, settings);
        var engines = new List<EngineProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                engines.Add(await EngineProcess.StartAsync(database.Directory, settings));
            }

            using var admin = engines[0].CreateClient(key, TimeSpan.FromSeconds(60));
            var people = await SeedAsync(database, admin, People);
            await EnrolAsync(admin, people);

            var started = DateTime.UtcNow;
            await Eventually.ReturnsAsync(() => Task.FromResult(sink.Messages.Count + twilio.Requests.Count), count => count >= 2 * People, TimeSpan.FromMinutes(3));
            var took = DateTime.UtcNow - started;
            await Task.Delay(TimeSpan.FromSeconds(2)); // anything doubled would arrive now

            var messages = sink.Messages;
            Assert.True(People == messages.Count && People == twilio.Requests.Count,
                $"{messages.Count} emails and {twilio.Requests.Count} SMS received in {took}; {await DescribeAsync(database)}");
            AssertEachOnce(messages, twilio, People);
            await using var db = database.OpenContext();
            Assert.Equal(2 * People, await db.SendRecords.CountAsync(r => r.EnrolmentId != null && r.Status == SendStatuses.Sent));
            Assert.Equal(People, await db.Enrolments.CountAsync(e => e.Status == EnrolmentStatuses.Completed));
            // The work was shared: more than one node's dispatcher sent messages.
            var nodes = await db.SendRecords.Where(r => r.EnrolmentId != null).Select(r => r.ClaimedBy!).ToListAsync();
            Assert.True(nodes.Select(NodeOf).Distinct().Count() > 1, string.Join(", ", nodes.Select(NodeOf).Distinct()));
        }
        finally
        {
            foreach (var engine in engines)
            {
                await engine.DisposeAsync();
            }
        }
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
        var settings = Settings(database, sink, twilio);
        var key = await EngineProcess.CreateAdminKeyAsync(database.Directory, settings);
        var workerSettings = new Dictionary<string, string>(settings) { ["Marketing:Jobs:Queues:0"] = "nurture" };
        var senderSettings = new Dictionary<string, string>(settings) { ["Marketing:Jobs:Queues:0"] = "send", ["Marketing:Jobs:Queues:1"] = "default" };
        await using var sender = await EngineProcess.StartAsync(database.Directory, senderSettings);
        var worker = await EngineProcess.StartAsync(database.Directory, workerSettings);
        try
        {
            using var admin = sender.CreateClient(key, TimeSpan.FromSeconds(60));
            var people = await SeedAsync(database, admin, People);
            await EnrolAsync(admin, people);

            await using var db = database.OpenContext();
            var claim = $"%:{worker.ProcessId}:%";
            var held = await Eventually.ReturnsAsync(
                async () => await db.Enrolments.CountAsync(e => EF.Functions.Like(e.ClaimedBy!, claim)), count => count > 0, TimeSpan.FromSeconds(60));
            await worker.KillAsync();
            var sentAtKill = sink.Messages.Count + twilio.Requests.Count;
            await worker.DisposeAsync();
            worker = await EngineProcess.StartAsync(database.Directory, workerSettings);

            await Eventually.ReturnsAsync(() => Task.FromResult(sink.Messages.Count + twilio.Requests.Count), count => count >= 2 * People, TimeSpan.FromMinutes(4));
            await Task.Delay(TimeSpan.FromSeconds(2));

            Assert.True(held > 0);
            Assert.True(sentAtKill < 2 * People, $"the kill came after everything was sent ({sentAtKill})");
            Assert.True(People == sink.Messages.Count && People == twilio.Requests.Count,
                $"{sink.Messages.Count} emails and {twilio.Requests.Count} SMS; {await DescribeAsync(database)}");
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

    private static async Task<string> DescribeAsync(TestDatabase database)
    {
        await using var db = database.OpenContext();
        var records = await db.SendRecords.GroupBy(r => new { r.Status, r.LastError, r.DecisionReason }).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var enrolments = await db.Enrolments.GroupBy(e => new { e.Status, e.EndReason, Claimed = e.ClaimedBy != null }).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        return $"send records: {string.Join("; ", records.Select(r => $"{r.Key} ×{r.Count}"))}; enrolments: {string.Join("; ", enrolments.Select(e => $"{e.Key} ×{e.Count}"))}";
    }

    private static string NodeOf(string claim) => string.Join(':', claim.Split(':').Take(2));

    private static void AssertEachOnce(IReadOnlyList<SmtpSink.Received> messages, TwilioStub twilio, int people)
    {
        Assert.Equal(people, messages.Select(m => m.Message.MessageId).Distinct().Count());
        Assert.Equal(people, messages.SelectMany(m => m.Recipients).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(people, twilio.Requests.Select(r => r["To"]).Distinct().Count());
    }

    private static Dictionary<string, string> Settings(TestDatabase database, SmtpSink sink, TwilioStub twilio)
    {
        var settings = database.Settings();
        settings["Marketing:Jobs:WorkerCount"] = "4";
        settings["Marketing:Email:Smtp:Host"] = "127.0.0.1";
        settings["Marketing:Email:Smtp:Port"] = sink.Port.ToString(CultureInfo.InvariantCulture);
        settings["Marketing:Email:Smtp:Security"] = "none";
        settings["Marketing:Email:Smtp:Connections"] = "2";
        settings["Marketing:Email:BatchSize"] = "500";
        // 5,000 emails in a day from a domain nobody checked would reach R67's default hold; this test is about passes.
        settings["Marketing:Email:Domain:BulkThreshold"] = "1000000";
        settings["Marketing:Email:From"] = "Acme <news@acme.example>";
        settings["Marketing:Email:LegalName"] = EmailApp.LegalName;
        settings["Marketing:Email:PostalAddress"] = EmailApp.PostalAddress;
        foreach (var (name, value) in SmsApp.ChannelSettings(twilio))
        {
            settings[name] = value;
        }

        settings["Marketing:Nurture:BatchSize"] = "250";
        settings["Marketing:Nurture:Parallelism"] = "3";
        settings["Marketing:Nurture:LeaseSeconds"] = "30";
        return settings;
    }

    /// <summary>
    /// People of the "other" regime, where the purpose rests on legitimate interest and no send window holds SMS
    /// (so the test passes at any hour), and a sequence of one email and one SMS.
    /// </summary>
    private static async Task<List<Guid>> SeedAsync(TestDatabase database, HttpClient admin, int count)
    {
        (await admin.PutAsJsonAsync($"/api/admin/purposes/{Purpose}", new
        {
            names = new { en = "Product news" },
            channels = new[] { "email", "sms" },
            bases = new Dictionary<string, object> { ["other"] = new { basis = "legitimate_interest", balancingTestRef = "LIA-2026-01" } },
            retentionDays = 730,
        })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/admin/sequences/onboarding", new
        {
            trigger = new { type = "api" },
            steps = new object[]
            {
                new { id = "hello", type = "email", template = "welcome", purpose = Purpose, next = "text" },
                new { id = "text", type = "sms", template = "sms-offer", purpose = Purpose, next = "done" },
                new { id = "done", type = "exit" },
            },
        })).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/admin/sequences/onboarding/publish", null)).EnsureSuccessStatusCode();

        var now = DateTimeOffset.UtcNow;
        var people = Enumerable.Range(0, count).Select(i => new Person
        {
            Id = Guid.CreateVersion7(), Email = $"lead{i:D6}@example.com", Phone = $"+1202555{i:D4}", Regime = "other", Source = "test",
            CreatedAt = now, UpdatedAt = now,
        }).ToList();
        await using var db = database.OpenContext();
        await BulkInsert.SaveAsync(db, [people], CancellationToken.None);
        return people.Select(p => p.Id).ToList();
    }

    private static async Task EnrolAsync(HttpClient admin, List<Guid> people)
    {
        var response = await admin.PostAsJsonAsync("/api/admin/sequences/onboarding/enrolments", new { personIds = people });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
