using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marketing.Data;
using Marketing.Server.Hosting;
using Marketing.Suppression;
using Microsoft.AspNetCore.Http.HttpResults;
using MimeKit;

namespace Marketing.Server.Suppression;

/// <summary>
/// Bounces and complaints pushed by a mail provider (R69): either its JSON
/// (<c>{"events":[{"type":"hard_bounce","recipient":"…","messageId":"…"}]}</c>) or the raw DSN / ARF message.
/// The caller proves itself with the configured bearer token; without one configured, the endpoint does not exist.
/// </summary>
public static class EmailEventsEndpoints
{
    // A DSN or ARF report quotes the message it is about; providers cap those well below this.
    private const int MaxBodyBytes = 10 * 1024 * 1024;

    public sealed record EventsBody(List<EventItem>? Events);
    public sealed record EventItem(string? Type, string? Recipient, string? MessageId);

    public static IEndpointRouteBuilder MapEmailEvents(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/email-events", HandleAsync).WithName("ReceiveEmailEvents").WithTags("Suppression").DisableAntiforgery()
            .AcceptsBody("application/json", "message/rfc822", "multipart/report").WithBodySizeLimit(MaxBodyBytes);
        return app;
    }

    private static async Task<Results<Ok<DeliveryReports.Outcome>, NotFound, ProblemHttpResult, ValidationProblem>> HandleAsync(HttpContext http, ResolvedSettings settings, MarketingDbContext db, AddressHasher hasher, ListHygiene hygiene, TimeProvider clock, CancellationToken ct)
    {
        if (settings.Raw.Email.EventsToken is not { Length: > 0 } expected)
        {
            return TypedResults.NotFound();
        }

        var given = http.Request.Headers.Authorization.ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes($"Bearer {expected}")))
        {
            return TypedResults.Problem(title: "Not authorised.", detail: "Send the configured token as 'Authorization: Bearer …'.", statusCode: StatusCodes.Status401Unauthorized);
        }

        IReadOnlyList<DeliveryEvent> events;
        var type = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (type == "application/json")
        {
            EventsBody? body;
            try
            {
                body = await JsonSerializer.DeserializeAsync<EventsBody>(http.Request.Body, StrictJson.SerializerOptions, ct);
            }
            catch (JsonException e)
            {
                return Problems.Field("body", $"is not valid JSON: {e.Message}");
            }

            var errors = new Dictionary<string, string[]>();
            var items = body?.Events ?? [];
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i].Type is null || !DeliveryEventKinds.All.Contains(items[i].Type))
                {
                    errors[$"events[{i}].type"] = [$"must be one of: {string.Join(", ", DeliveryEventKinds.All)}"];
                }

                if (items[i].Recipient is null && items[i].MessageId is null)
                {
                    errors[$"events[{i}]"] = ["needs a recipient or a messageId"];
                }
            }

            if (items.Count == 0)
            {
                errors["events"] = ["give at least one event"];
            }

            if (errors.Count > 0)
            {
                return Problems.Fields(errors);
            }

            events = [.. items.Select(i => new DeliveryEvent(i.Type!, i.Recipient, i.MessageId))];
        }
        else if (type is "message/rfc822" or "multipart/report")
        {
            try
            {
                // The report's own parts (message/delivery-status, message/feedback-report) are parsed as headers too:
                // a malformed one fails there, after the message itself loaded.
                events = DeliveryReports.Parse(await MimeMessage.LoadAsync(http.Request.Body, ct));
            }
            catch (FormatException e)
            {
                return Problems.Field("body", $"is not a MIME message: {e.Message}");
            }

            if (events.Count == 0)
            {
                return Problems.Field("body", "is neither a delivery status notification (RFC 3464) nor an abuse report (RFC 5965)");
            }
        }
        else
        {
            return Problems.Field("Content-Type", "must be application/json, message/rfc822 or multipart/report");
        }

        var outcome = await DeliveryReports.ApplyAsync(db, hasher, hygiene, clock, events, "email_events_webhook", ct);
        return TypedResults.Ok(outcome);
    }
}
