using System.Globalization;
using System.Net.Http.Json;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Nurture;
using Marketing.Sending;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>
/// What the tests of several engine processes on one PostgreSQL share: their settings, people enrolled in a sequence
/// through the admin API, waiting until the whole system is idle, and a description of where every record ended up.
/// </summary>
public static class EngineNodes
{
    public const string Purpose = "product_news";

    /// <summary>Nodes with the email channel on <paramref name="sink"/> (two connections each) and, when given, SMS on <paramref name="twilio"/>.</summary>
    public static Dictionary<string, string> Settings(TestDatabase database, SmtpSink sink, TwilioStub? twilio = null)
    {
        var settings = database.Settings();
        settings["Marketing:Jobs:WorkerCount"] = "4";
        settings["Marketing:Email:Smtp:Host"] = "127.0.0.1";
        settings["Marketing:Email:Smtp:Port"] = sink.Port.ToString(CultureInfo.InvariantCulture);
        settings["Marketing:Email:Smtp:Security"] = "none";
        settings["Marketing:Email:Smtp:Connections"] = "2";
        settings["Marketing:Email:BatchSize"] = "500";
        // 5,000 emails in a day from a domain nobody checked would reach R67's default hold; these tests are about passes.
        settings["Marketing:Email:Domain:BulkThreshold"] = "1000000";
        settings["Marketing:Email:From"] = "Acme <news@acme.example>";
        settings["Marketing:Email:LegalName"] = EmailApp.LegalName;
        settings["Marketing:Email:PostalAddress"] = EmailApp.PostalAddress;
        foreach (var (name, value) in twilio is null ? [] : SmsApp.ChannelSettings(twilio))
        {
            settings[name] = value;
        }

        settings["Marketing:Nurture:BatchSize"] = "250";
        settings["Marketing:Nurture:Parallelism"] = "3";
        settings["Marketing:Nurture:LeaseSeconds"] = "30";
        return settings;
    }

    /// <summary>An email step, then the end.</summary>
    public static object[] OneEmail { get; } =
    [
        new { id = "hello", type = "email", template = "welcome", purpose = Purpose, next = "done" },
        new { id = "done", type = "exit" },
    ];

    /// <summary>An email step, an SMS step, then the end.</summary>
    public static object[] EmailThenSms { get; } =
    [
        new { id = "hello", type = "email", template = "welcome", purpose = Purpose, next = "text" },
        new { id = "text", type = "sms", template = "sms-offer", purpose = Purpose, next = "done" },
        new { id = "done", type = "exit" },
    ];

    /// <summary>
    /// People of the "other" regime, where the purpose rests on legitimate interest and no send window holds SMS (so the
    /// test passes at any hour), enrolled in a published sequence of <paramref name="steps"/>.
    /// </summary>
    public static async Task<List<Guid>> EnrolAsync(TestDatabase database, HttpClient admin, int count, object[] steps)
    {
        (await admin.PutAsJsonAsync($"/api/admin/purposes/{Purpose}", new
        {
            names = new { en = "Product news" },
            channels = new[] { "email", "sms" },
            bases = new Dictionary<string, object> { ["other"] = new { basis = "legitimate_interest", balancingTestRef = "LIA-2026-01" } },
            retentionDays = 730,
        })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/admin/sequences/onboarding", new { trigger = new { type = "api" }, steps })).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/admin/sequences/onboarding/publish", null)).EnsureSuccessStatusCode();

        var now = DateTimeOffset.UtcNow;
        var people = Enumerable.Range(0, count).Select(i => new Person
        {
            Id = Guid.CreateVersion7(), Email = $"lead{i:D6}@example.com", Phone = $"+1202555{i:D4}", Regime = "other", Source = "test",
            CreatedAt = now, UpdatedAt = now,
        }).ToList();
        await using (var db = database.OpenContext())
        {
            await BulkInsert.SaveAsync(db, [people], CancellationToken.None);
        }

        var ids = people.Select(p => p.Id).ToList();
        var response = await admin.PostAsJsonAsync("/api/admin/sequences/onboarding/enrolments", new { personIds = ids });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return ids;
    }

    /// <summary>
    /// Waits until nothing is left to do — no message queued (now or for a retry), claimed or being handed over, no
    /// enrolment active — and nothing more has arrived at <paramref name="arrived"/> for a while: only then is a count
    /// final, since a duplicate could arrive late. False when that did not happen within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<bool> WaitUntilIdleAsync(TestDatabase database, Func<int> arrived, TimeSpan timeout)
    {
        var quiet = TimeSpan.FromSeconds(5);
        var deadline = DateTime.UtcNow + timeout;
        var last = -1;
        var since = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline)
        {
            var count = arrived();
            if (count != last)
            {
                (last, since) = (count, DateTime.UtcNow);
            }
            else if (DateTime.UtcNow - since >= quiet && await NothingLeftAsync(database))
            {
                return true;
            }

            await Task.Delay(500);
        }

        return false;
    }

    private static async Task<bool> NothingLeftAsync(TestDatabase database)
    {
        try
        {
            await using var db = database.OpenContext();
            return !await db.SendRecords.AnyAsync(r => r.Status == SendStatuses.Queued || r.Status == SendStatuses.Sending || r.Status == SendStatuses.HandingOver)
                && !await db.Enrolments.AnyAsync(e => e.Status == EnrolmentStatuses.Active);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
        {
            // The database is restarting (EF wraps what it takes for a transient failure): not idle yet.
            return false;
        }
    }

    public static async Task<string> DescribeAsync(TestDatabase database)
    {
        await using var db = database.OpenContext();
        var records = await db.SendRecords.GroupBy(r => new { r.Status, r.LastError, r.DecisionReason }).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var enrolments = await db.Enrolments.GroupBy(e => new { e.Status, e.EndReason, Claimed = e.ClaimedBy != null }).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        return $"send records: {string.Join("; ", records.Select(r => $"{r.Key} ×{r.Count}"))}; enrolments: {string.Join("; ", enrolments.Select(e => $"{e.Key} ×{e.Count}"))}";
    }

    /// <summary>The node (<c>{machine}:{process}</c>) of a claim token.</summary>
    public static string NodeOf(string claim) => SendClaims.NodeOf(claim);
}
