using System.Security.Claims;
using Marketing.Common;
using Marketing.Data;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Marketing.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketing.Server.Webhooks;

/// <summary>
/// Outbound webhooks (R55): endpoints, their delivery log and replays, for an admin (an endpoint's secret is an
/// integration credential). The rules are Core use cases; this file parses, authorises and maps.
/// </summary>
public static class WebhookEndpoints
{
    public sealed record EndpointInput(string? Url, List<string>? EventTypes, string? Description, string? ProcessorKey);

    /// <summary>The one answer that shows the secret.</summary>
    public sealed record EndpointCreated(ListWebhooks.EndpointRow Endpoint, string Secret);

    public static RouteGroupBuilder MapWebhooksAdmin(this RouteGroupBuilder admin)
    {
        var webhooks = admin.MapGroup("/webhooks").WithTags("Webhooks").RequireAuthorization(AccessPolicies.Admin);
        webhooks.MapGet("/endpoints", ListEndpointsAsync).WithName("ListWebhookEndpoints");
        webhooks.MapPost("/endpoints", AddAsync).WithName("AddWebhookEndpoint");
        webhooks.MapPost("/endpoints/{id:guid}/disable", (Guid id, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            SwitchAsync(id, false, db, clock, user, ct)).WithName("DisableWebhookEndpoint");
        webhooks.MapPost("/endpoints/{id:guid}/enable", (Guid id, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            SwitchAsync(id, true, db, clock, user, ct)).WithName("EnableWebhookEndpoint");
        webhooks.MapPut("/endpoints/{id:guid}/event-types", ChangeEventsAsync).WithName("ChangeWebhookEventTypes");
        webhooks.MapPost("/endpoints/{id:guid}/rotate-secret", RotateAsync).WithName("RotateWebhookSecret");
        webhooks.MapDelete("/endpoints/{id:guid}", DeleteAsync).WithName("DeleteWebhookEndpoint");
        webhooks.MapGet("/deliveries", ListDeliveriesAsync).WithName("ListWebhookDeliveries");
        webhooks.MapPost("/deliveries/{id:guid}/replay", ReplayAsync).WithName("ReplayWebhookDelivery");
        webhooks.MapGet("/event-types", () => TypedResults.Ok(WebhookEventTypes.All)).WithName("ListWebhookEventTypes");
        return admin;
    }

    private static async Task<Ok<List<ListWebhooks.EndpointRow>>> ListEndpointsAsync(MarketingDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await ListWebhooks.EndpointsAsync(db, ct));

    private static async Task<Results<Created<EndpointCreated>, ValidationProblem>> AddAsync(
        EndpointInput? request, MarketingDbContext db, TimeProvider clock, ResolvedSettings settings, ClaimsPrincipal user, CancellationToken ct)
    {
        var input = request ?? new EndpointInput(null, null, null, null);
        var outcome = await AddWebhookEndpoint.HandleAsync(db, clock, new AddWebhookEndpoint.Command(input.Url, input.EventTypes, input.Description, input.ProcessorKey),
            settings.Raw.Webhooks.AllowPrivateAddresses, user.Actor(), ct);
        return outcome.Refusal switch
        {
            null => TypedResults.Created($"/api/admin/webhooks/endpoints/{outcome.Value.Endpoint.Id}", new EndpointCreated(Row(outcome.Value.Endpoint), outcome.Value.Secret)),
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            var other => throw Problems.Unmapped(other),
        };
    }

    private static async Task<Results<Ok<ListWebhooks.EndpointRow>, NotFound>> SwitchAsync(
        Guid id, bool enable, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await SwitchWebhookEndpoint.HandleAsync(db, clock, id, enable, user.Actor(), ct);
        return outcome.Refusal switch
        {
            null => TypedResults.Ok(Row(outcome.Value)),
            Refusal.NotFound => TypedResults.NotFound(),
            var other => throw Problems.Unmapped(other),
        };
    }

    public sealed record EventTypesInput(List<string?>? EventTypes);

    private static async Task<Results<Ok<ListWebhooks.EndpointRow>, NotFound, ValidationProblem>> ChangeEventsAsync(
        Guid id, EventTypesInput? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await ChangeWebhookEvents.HandleAsync(db, clock, id, request?.EventTypes, user.Actor(), ct);
        return outcome.Refusal switch
        {
            null => TypedResults.Ok(Row(outcome.Value)),
            Refusal.NotFound => TypedResults.NotFound(),
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            var other => throw Problems.Unmapped(other),
        };
    }

    /// <summary>The new secret, shown this once; the old one signs nothing from now on.</summary>
    private static async Task<Results<Ok<EndpointCreated>, NotFound>> RotateAsync(Guid id, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await RotateWebhookSecret.HandleAsync(db, clock, id, user.Actor(), ct);
        return outcome.Refusal switch
        {
            null => TypedResults.Ok(new EndpointCreated(Row(outcome.Value.Endpoint), outcome.Value.Secret)),
            Refusal.NotFound => TypedResults.NotFound(),
            var other => throw Problems.Unmapped(other),
        };
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(Guid id, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await DeleteWebhookEndpoint.HandleAsync(db, clock, id, user.Actor(), ct);
        return outcome.Refusal switch
        {
            null => TypedResults.NoContent(),
            Refusal.NotFound => TypedResults.NotFound(),
            Refusal.Conflict conflict => Problems.Conflict(conflict),
            var other => throw Problems.Unmapped(other),
        };
    }

    private static async Task<Results<Ok<List<ListWebhooks.DeliveryRow>>, ValidationProblem>> ListDeliveriesAsync(
        Guid? endpoint, string? status, int? limit, MarketingDbContext db, CancellationToken ct)
    {
        if (status is not null && !WebhookDeliveryStatuses.All.Contains(status, StringComparer.Ordinal))
        {
            return Problems.Invalid(Refusal.Field("status", $"must be one of: {string.Join(", ", WebhookDeliveryStatuses.All)}"));
        }

        if (limit is < 1 or > 1000)
        {
            return Problems.Invalid(Refusal.Field("limit", "must be between 1 and 1000"));
        }

        return TypedResults.Ok(await ListWebhooks.DeliveriesAsync(db, endpoint, status, limit ?? 100, ct));
    }

    private static async Task<Results<Accepted, NotFound, ProblemHttpResult>> ReplayAsync(
        Guid id, MarketingDbContext db, TimeProvider clock, WebhookSignal signal, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await ReplayWebhookDelivery.HandleAsync(db, clock, id, user.Actor(), ct);
        switch (outcome.Refusal)
        {
            case null:
                signal.Notify();
                return TypedResults.Accepted($"/api/admin/webhooks/deliveries?endpoint={outcome.Value.EndpointId}");
            case Refusal.NotFound:
                return TypedResults.NotFound();
            case Refusal.Conflict conflict:
                return Problems.Conflict(conflict);
            default:
                throw Problems.Unmapped(outcome.Refusal);
        }
    }

    private static ListWebhooks.EndpointRow Row(WebhookEndpoint e) => ListWebhooks.Row(e);
}
