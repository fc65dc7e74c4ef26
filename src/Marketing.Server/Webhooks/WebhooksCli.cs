using System.CommandLine;
using System.Globalization;
using Marketing.Common;
using Marketing.Data;
using Marketing.Server.Hosting;
using Marketing.Webhooks;

namespace Marketing.Server.Webhooks;

/// <summary>
/// <c>marketing webhooks list|add|deliveries|replay</c>: an operator scripts the outbound webhooks (R55) through the
/// same use cases as the API and the web pages.
/// </summary>
public static class WebhooksCli
{
    private const string Actor = "cli";

    public static Command Command(Func<Func<ResolvedSettings, MarketingDbContext, Task<int>>, CancellationToken, Task<int>> withDatabase)
    {
        var webhooks = new Command("webhooks", "Outbound webhooks: the endpoints, adding one, the delivery log and replays.");

        var list = new Command("list", "List endpoints (never their secrets): id, status, events, failures in a row, URL, and why one is disabled.");
        list.SetAction((_, ct) => withDatabase(async (_, db) =>
        {
            foreach (var e in await ListWebhooks.EndpointsAsync(db, ct))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{e.Id}\t{(e.Enabled ? "active" : "disabled")}\t{string.Join(',', e.EventTypes)}\t{e.ConsecutiveFailures}\t{e.Url}\t{e.DisabledReason}").TrimEnd('\t'));
            }

            return 0;
        }, ct));

        var url = new Option<string>("--url") { Description = "Where events are posted: an absolute http(s) URL on a public host.", Required = true };
        var events = new Option<string>("--events") { Description = $"Event types, comma-separated: {string.Join(", ", WebhookEventTypes.All)}.", Required = true };
        var description = new Option<string?>("--description") { Description = "What receives them, at most 200 characters." };
        var processor = new Option<string?>("--processor") { Description = "The key of the processor entry this endpoint belongs to (R18: its 2xx acknowledges a suppression)." };
        var add = new Command("add", "Add an endpoint and print its signing secret, once.") { url, events, description, processor };
        add.SetAction((parse, ct) => withDatabase(async (settings, db) =>
        {
            var types = (parse.GetValue(events) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var outcome = await AddWebhookEndpoint.HandleAsync(db, TimeProvider.System,
                new AddWebhookEndpoint.Command(parse.GetValue(url), types, parse.GetValue(description), parse.GetValue(processor)),
                settings.Raw.Webhooks.AllowPrivateAddresses, Actor, ct);
            if (outcome.Refusal is Refusal.Invalid invalid)
            {
                foreach (var (field, messages) in invalid.Errors)
                {
                    await Console.Error.WriteLineAsync($"marketing: --{Option(field)} {string.Join("; ", messages)}");
                }

                return 1;
            }

            // The secret alone on stdout, so that SECRET=$(marketing webhooks add ...) works; the rest is for the person.
            Console.WriteLine(outcome.Value.Secret);
            await Console.Error.WriteLineAsync($"Added endpoint {outcome.Value.Endpoint.Id} for {string.Join(',', outcome.Value.Endpoint.EventTypes)}. Its secret is shown only this once.");
            return 0;
        }, ct));

        var endpoint = new Option<Guid?>("--endpoint") { Description = "Only this endpoint's deliveries (its id, as 'webhooks list' prints it)." };
        var status = new Option<string?>("--status") { Description = $"Only deliveries in this status: {string.Join(", ", WebhookDeliveryStatuses.All)}." };
        status.AcceptOnlyFromAmong([.. WebhookDeliveryStatuses.All]);
        var deliveries = new Command("deliveries", "The delivery log, newest first (100): id, event type, status, attempts, last status code or error, next attempt.") { endpoint, status };
        deliveries.SetAction((parse, ct) => withDatabase(async (_, db) =>
        {
            foreach (var d in await ListWebhooks.DeliveriesAsync(db, parse.GetValue(endpoint), parse.GetValue(status), 100, ct))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{d.Id}\t{d.EventType}\t{d.Status}\t{d.Attempts}\t{d.LastStatusCode?.ToString(CultureInfo.InvariantCulture) ?? d.LastError ?? "-"}\t{d.NextAttemptAt:O}"));
            }

            return 0;
        }, ct));

        var id = new Argument<Guid>("deliveryId") { Description = "The delivery's id, as 'webhooks deliveries' prints it." };
        var replay = new Command("replay", "Queue a delivery again, now, with the same webhook-id; the next pass posts it (within a minute).") { id };
        replay.SetAction((parse, ct) => withDatabase(async (_, db) =>
        {
            var outcome = await ReplayWebhookDelivery.HandleAsync(db, TimeProvider.System, parse.GetValue(id), Actor, ct);
            switch (outcome.Refusal)
            {
                case null:
                    Console.WriteLine($"{outcome.Value.Id}\t{outcome.Value.Status}");
                    return 0;
                case Refusal.NotFound:
                    await Console.Error.WriteLineAsync("marketing: no delivery with that id");
                    return 1;
                case Refusal.Conflict conflict:
                    await Console.Error.WriteLineAsync($"marketing: {conflict.Title}; {conflict.Detail}");
                    return 1;
                default:
                    return 1;
            }
        }, ct));

        webhooks.Subcommands.Add(list);
        webhooks.Subcommands.Add(add);
        webhooks.Subcommands.Add(deliveries);
        webhooks.Subcommands.Add(replay);
        return webhooks;
    }

    private static string Option(string field) => field switch
    {
        "eventTypes" => "events",
        "processorKey" => "processor",
        _ => field,
    };
}
