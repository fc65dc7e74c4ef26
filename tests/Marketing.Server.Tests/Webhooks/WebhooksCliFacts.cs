using Marketing.Data;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Webhooks;

/// <summary>
/// <c>marketing webhooks list|add|deliveries|replay</c> as an operator's script meets them (R55): each verb's exit code
/// and output, and bad input answered with a message naming the option and a non-zero exit, with nothing stored changed.
/// </summary>
public abstract class WebhooksCliFacts(DatabaseProvider provider)
{
    [Fact]
    public async Task WebhookVerbs_AddListAndReplay_AndRefuseBadInputByNameWithoutChangingAnything()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = database.Settings();
        Task<(int ExitCode, string StdOut, string StdErr)> Run(params string[] args) => EngineProcess.RunAsync(database.Directory, settings, ["webhooks", .. args]);

        var empty = await Run("list");
        Assert.Equal((0, ""), (empty.ExitCode, empty.StdOut.Trim()));

        var badUrl = await Run("add", "--url", "ftp://crm.example/hooks", "--events", "consent.granted");
        var inside = await Run("add", "--url", "http://127.0.0.1:9/hooks", "--events", "consent.granted");
        var badEvent = await Run("add", "--url", "https://203.0.113.20/hooks", "--events", "consent.granted,person.renamed");
        var noEvents = await Run("add", "--url", "https://203.0.113.20/hooks");
        Assert.Equal(1, badUrl.ExitCode);
        Assert.StartsWith("marketing: --url must be an absolute http or https URL", badUrl.StdErr.Trim(), StringComparison.Ordinal);
        Assert.Equal(1, inside.ExitCode);
        Assert.StartsWith("marketing: --url must not point to this machine or a private network", inside.StdErr.Trim(), StringComparison.Ordinal);
        Assert.Equal(1, badEvent.ExitCode);
        Assert.StartsWith("marketing: --events must list one or more of: consent.granted,", badEvent.StdErr.Trim(), StringComparison.Ordinal);
        Assert.NotEqual(0, noEvents.ExitCode);
        Assert.Contains("--events", noEvents.StdErr + noEvents.StdOut, StringComparison.Ordinal);
        Assert.Equal("", (await Run("list")).StdOut.Trim());

        var added = await Run("add", "--url", "https://203.0.113.20/hooks", "--events", "dsr.completed, consent.granted");
        Assert.True(added.ExitCode == 0, added.StdErr);
        Assert.Matches("^whsec_[A-Za-z0-9+/]{43}=$", added.StdOut.Trim());
        var line = Assert.Single((await Run("list")).StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Split('\t');
        var endpointId = Guid.Parse(line[0]);
        Assert.Equal(("active", "consent.granted,dsr.completed", "0", "https://203.0.113.20/hooks"), (line[1], line[2], line[3], line[4]));
        Assert.DoesNotContain("whsec_", (await Run("list")).StdOut, StringComparison.Ordinal);

        var deliveryId = await FailedDeliveryAsync(database, endpointId);
        var unknown = await Run("replay", Guid.NewGuid().ToString());
        var notAnId = await Run("replay", "delivery-1");
        Assert.Equal((1, "marketing: no delivery with that id"), (unknown.ExitCode, unknown.StdErr.Trim()));
        Assert.NotEqual(0, notAnId.ExitCode);
        Assert.Contains("delivery-1", notAnId.StdErr + notAnId.StdOut, StringComparison.Ordinal);
        Assert.StartsWith($"{deliveryId}\tdsr.completed\tfailed\t2\t503\t", (await Run("deliveries", "--endpoint", endpointId.ToString())).StdOut.Trim(), StringComparison.Ordinal);

        var replayed = await Run("replay", deliveryId.ToString());
        Assert.True(replayed.ExitCode == 0, replayed.StdErr);
        Assert.Equal($"{deliveryId}\tpending", replayed.StdOut.Trim());
        await using var db = database.OpenContext();
        var delivery = await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == deliveryId);
        Assert.Equal((WebhookDeliveryStatuses.Pending, 0), (delivery.Status, delivery.Attempts));
        Assert.Equal("cli", (await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "webhook.delivery_replayed")).Actor);
    }

    /// <summary>A delivery whose attempts all failed, as a pass leaves it.</summary>
    private static async Task<Guid> FailedDeliveryAsync(TestDatabase database, Guid endpointId)
    {
        await using var db = database.OpenContext();
        var now = DateTimeOffset.UtcNow;
        var webhook = new WebhookEvent { Id = Guid.CreateVersion7(), Type = "dsr.completed", DataJson = "{}", OccurredAt = now, FannedOutAt = now };
        var delivery = new WebhookDelivery
        {
            Id = Guid.CreateVersion7(), EndpointId = endpointId, EventId = webhook.Id, EventType = webhook.Type, Status = WebhookDeliveryStatuses.Failed,
            Attempts = 2, CreatedAt = now, LastAttemptAt = now, LastStatusCode = 503, NextAttemptAt = now,
        };
        db.AddRange(webhook, delivery);
        await db.SaveChangesAsync();
        return delivery.Id;
    }
}

public sealed class WebhooksCliFacts_OnSqlite() : WebhooksCliFacts(DatabaseProvider.Sqlite);

public sealed class WebhooksCliFacts_OnPostgres() : WebhooksCliFacts(DatabaseProvider.Postgres);
