using System.Globalization;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Marketing.Server.Tests.Sending;


/// <summary>
/// Invariant 3 when a node dies mid-send: three engine processes on one PostgreSQL dispatch one email each to N people,
/// one is killed (SIGKILL) while it holds claimed messages and started again. Once the whole system is idle, every
/// message is at the relay exactly once, except at most one per SMTP connection of the killed node, which was being
/// handed over and is written off as interrupted; and every record says what the relay received.
/// N is <c>MARKETING_TEST_KILL_ENROLMENTS</c> (2,400 by default; <c>scripts/kill-node.sh</c> runs 10,000).
/// </summary>
public sealed class KilledNodeFacts(ITestOutputHelper output)
{
    private const int ConnectionsPerNode = 2;

    [Fact]
    public async Task NodeKilledWhileSending_AndRestarted_SendsEveryMessageOnce_ExceptOneInDoubtPerConnection()
    {
        var people = int.TryParse(Environment.GetEnvironmentVariable("MARKETING_TEST_KILL_ENROLMENTS"), CultureInfo.InvariantCulture, out var n) ? n : 2_400;
        await using var sink = new SmtpSink();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var settings = EngineNodes.Settings(database, sink);
        settings["Marketing:Email:Smtp:Connections"] = ConnectionsPerNode.ToString(CultureInfo.InvariantCulture);
        settings["Marketing:Email:BatchSize"] = "200";
        settings["Marketing:Sending:LeaseSeconds"] = "10";
        var key = await EngineProcess.CreateAdminKeyAsync(database.Directory, settings);
        await using var engines = await EngineGroup.StartAsync(database, settings, 3);
        using var admin = engines[0].CreateClient(key, TimeSpan.FromSeconds(60));
        await EngineNodes.EnrolAsync(database, admin, people, EngineNodes.OneEmail);

        await using var db = database.OpenContext();
        // Killed in the middle of sending: whichever node has sent some of its messages and still holds others (on a loaded
        // machine one node may get no batch at all, so the victim is chosen when one is mid-send).
        var nodes = Enumerable.Range(0, 3).Select(i => (Index: i, Node: $"{Environment.MachineName}:{engines[i].ProcessId}")).ToList();
        var (index, victimNode, held) = await Eventually.ReturnsAsync(async () =>
            {
                foreach (var (i, node) in nodes)
                {
                    if (await db.SendRecords.AnyAsync(r => r.ClaimedBy!.StartsWith(node + ":") && r.Status == SendStatuses.Sent)
                        && await db.SendRecords.CountAsync(r => r.ClaimedBy!.StartsWith(node + ":") && (r.Status == SendStatuses.Sending || r.Status == SendStatuses.HandingOver)) is > 0 and var holding)
                    {
                        return (i, node, holding);
                    }
                }

                return (-1, "", 0);
            },
            found => found.Item3 > 0, TimeSpan.FromMinutes(3));
        Assert.True(index >= 0, "no node was ever seen mid-send");
        await engines[index].KillAsync();
        var atKill = sink.Messages.Count;
        await engines.KillAndRestartAsync(index, database, settings);

        var idle = await EngineNodes.WaitUntilIdleAsync(database, () => sink.Messages.Count, TimeSpan.FromMinutes(6) + TimeSpan.FromSeconds(people / 20.0));

        var described = await EngineNodes.DescribeAsync(database);
        Assert.True(held > 0 && atKill < people, $"the kill came when the node held {held} messages and {atKill} had arrived");
        Assert.True(idle, $"not idle: {sink.Messages.Count} messages at the relay; {described}");
        var records = await db.SendRecords.AsNoTracking().Where(r => r.Channel == ChannelKeys.Email).ToListAsync();
        var addresses = await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Email!);
        var received = sink.Messages.SelectMany(m => m.Recipients).GroupBy(a => a, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var interrupted = records.Where(r => r.Status == SendStatuses.Interrupted).ToList();
        var sent = records.Where(r => r.Status == SendStatuses.Sent).ToList();

        output.WriteLine($"{people} enrolments; the killed node held {held} claimed messages, {atKill} had arrived; at the relay now "
            + $"{sink.Messages.Count}; records: {sent.Count} sent, {interrupted.Count} interrupted "
            + $"({interrupted.Count(r => received.ContainsKey(addresses[r.PersonId]))} of them delivered)");
        foreach (var r in interrupted)
        {
            output.WriteLine($"interrupted: claimed by {r.ClaimedBy}, {r.Attempts} attempt(s): {r.LastError}");
        }

        foreach (var line in engines.OutputLines.Where(l => l.Contains("claims of node", StringComparison.Ordinal)))
        {
            output.WriteLine(line);
        }

        // Nothing twice.
        Assert.DoesNotContain(received, r => r.Value > 1);
        Assert.Equal(sink.Messages.Count, sink.Messages.Select(m => m.Message.MessageId).Distinct().Count());
        // Nothing lost: every record sent or, for at most one message per connection of the killed node, interrupted.
        Assert.Equal(people, records.Count);
        Assert.True(sent.Count + interrupted.Count == people, described);
        Assert.True(interrupted.Count <= ConnectionsPerNode, described);
        Assert.All(interrupted, r => Assert.StartsWith(victimNode + ":", r.ClaimedBy, StringComparison.Ordinal));
        // What the records say sent is what the relay received, with the same Message-ID.
        Assert.All(sent, r => Assert.Equal(1, received.GetValueOrDefault(addresses[r.PersonId])));
        Assert.Equal(sink.Messages.Count, sent.Count + interrupted.Count(r => received.ContainsKey(addresses[r.PersonId])));
        var messageIds = sink.Messages.Select(m => m.Message.MessageId).ToHashSet(StringComparer.Ordinal);
        Assert.All(sent, r => Assert.Contains(r.MessageId, messageIds));
        // The takeover is in an operator's log, naming the node whose claims it was.
        Assert.Contains(engines.OutputLines, l => l.Contains($"claims of node {victimNode} expired", StringComparison.Ordinal));
    }
}
