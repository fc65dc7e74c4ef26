using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Webhooks;

/// <summary>Adds a webhook endpoint (R55) with a new signing secret, which the answer shows this once.</summary>
public static class AddWebhookEndpoint
{
    public sealed record Command(string? Url, IReadOnlyList<string?>? EventTypes, string? Description, string? ProcessorKey);

    public sealed record Added(WebhookEndpoint Endpoint, string Secret);

    public static async Task<Outcome<Added>> HandleAsync(
        MarketingDbContext db, TimeProvider clock, Command command, bool allowPrivateAddresses, string actor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (await WebhookAddresses.CheckAsync(command.Url, allowPrivateAddresses, ct) is { } urlError)
        {
            errors["url"] = [urlError];
        }

        var types = WebhookEventTypes.Parse(command.EventTypes);
        if (types is null)
        {
            errors["eventTypes"] = [WebhookEventTypes.Problem];
        }

        var description = string.IsNullOrWhiteSpace(command.Description) ? null : command.Description.Trim();
        if (description is { Length: > 200 } || (description is not null && !StoredText.IsAcceptable(description)))
        {
            errors["description"] = ["must be at most 200 characters of text"];
        }

        var processor = string.IsNullOrWhiteSpace(command.ProcessorKey) ? null : command.ProcessorKey.Trim();
        if (processor is not null && !await db.Processors.AnyAsync(p => p.Key == processor, ct))
        {
            errors["processorKey"] = ["must be the key of an entry in the processor list (R43)"];
        }

        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        var endpoint = new WebhookEndpoint
        {
            Id = Guid.CreateVersion7(), Url = command.Url!.Trim(), Description = description, ProcessorKey = processor,
            EventTypes = types!, Secret = WebhookSignature.NewSecret(),
            CreatedAt = clock.GetUtcNow(), CreatedBy = actor.Length > 120 ? actor[..120] : actor,
        };
        db.WebhookEndpoints.Add(endpoint);
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "webhook.endpoint_added", endpoint.Id.ToString(),
            $"events={string.Join(',', endpoint.EventTypes)} processor={processor ?? "none"}"));
        await db.SaveChangesAsync(ct);
        return new Added(endpoint, endpoint.Secret);
    }
}
