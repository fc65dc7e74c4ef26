using System.Security;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Marketing.Server.Hosting;
using Marketing.Channels.Sms;
using Marketing.Suppression;
using Marketing.Templates;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Twilio.Security;

namespace Marketing.Server.Channels.Sms;

/// <summary>
/// What Twilio calls: delivery status callbacks and inbound messages. Anonymous, but each request must carry a
/// valid <c>X-Twilio-Signature</c> for the public URL it was sent to; anything else is refused before it is read
/// further, and changes nothing (invariant 6).
/// </summary>
public static class SmsWebhookEndpoints
{
    public const string StopConfirmationTemplate = "sms-stop-confirmation";
    private const int MaxBodyBytes = 64 * 1024;
    private const string TwilioContentType = "application/x-www-form-urlencoded";

    public static IEndpointRouteBuilder MapSmsWebhooks(this IEndpointRouteBuilder app)
    {
        var sms = app.MapGroup("/api/sms").WithTags("Sms").AcceptsBody(TwilioContentType).WithBodySizeLimit(MaxBodyBytes);
        sms.MapPost("/status", StatusAsync).WithName("SmsStatusCallback").DisableAntiforgery();
        sms.MapPost("/inbound", InboundAsync).WithName("SmsInbound").DisableAntiforgery();
        return app;
    }

    private static async Task<Results<Ok, NotFound, ProblemHttpResult, ValidationProblem>> StatusAsync(HttpContext http, ResolvedSettings settings, MarketingDbContext db, CancellationToken ct)
    {
        var (refused, form) = await VerifiedFormAsync(http, settings, SmsSetup.StatusPath, ct);
        if (refused is not null)
        {
            return Refused<Ok>(refused);
        }

        if (!form.TryGetValue("MessageSid", out var sid) || !form.TryGetValue("MessageStatus", out var reported))
        {
            return Problems.Field(form.ContainsKey("MessageSid") ? "MessageStatus" : "MessageSid", "is required");
        }

        // Twilio reports more stages than the record keeps; the others change nothing.
        if (DeliveryStatuses.FromTwilio(reported) is { } status)
        {
            await UpdateDeliveryStatus.HandleAsync(db, sid, status, form.GetValueOrDefault("ErrorCode"), ct);
        }

        return TypedResults.Ok();
    }

    private static async Task<Results<ContentHttpResult, NotFound, ProblemHttpResult, ValidationProblem>> InboundAsync(HttpContext http, ResolvedSettings settings,
        MarketingDbContext db, AddressHasher hasher, TimeProvider clock, SmsKeywords keywords, TemplateStore templates, TemplateRenderer renderer, CancellationToken ct)
    {
        var (refused, form) = await VerifiedFormAsync(http, settings, SmsSetup.InboundPath, ct);
        if (refused is not null)
        {
            return Refused<ContentHttpResult>(refused);
        }

        if (!form.TryGetValue("From", out var from) || !form.TryGetValue("MessageSid", out var sid) || sid.Length > 64)
        {
            return Problems.Field(form.ContainsKey("From") ? "MessageSid" : "From", "is required (MessageSid: at most 64 characters)");
        }

        InboundOutcome outcome;
        try
        {
            outcome = await ReceiveSms.HandleAsync(db, hasher, clock, keywords, new InboundSms(from, form.GetValueOrDefault("Body"), sid), ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.SmsReplies.AsNoTracking().AnyAsync(r => r.MessageSid == sid, ct))
            {
                // The same message delivered twice at once (Twilio retries): the other request handled it.
                return TwiML(null);
            }

            throw;
        }

        if (!outcome.Confirm)
        {
            return TwiML(null);
        }

        var set = await templates.LoadAsync(db, [StopConfirmationTemplate], ct);
        // The one reply allowed after STOP carries no promotion (R58, R64): a template saved under this key as anything
        // but transactional is not used.
        var template = set.Find(StopConfirmationTemplate, outcome.Locale, ChannelKeys.Sms) is { MessageType: MessageTypes.Transactional } found ? found : null;
        var text = template is null ? null : renderer.RenderText(template.Text ?? "", new TemplateModel(template.MessageType, template.Locale,
            new Dictionary<string, string?>(), new Dictionary<string, string?> { ["name"] = SmsSetup.SenderName(settings), ["legal_name"] = SmsSetup.SenderName(settings) },
            new Dictionary<string, string?>(), new Dictionary<string, string?>()));
        return TwiML(text);
    }

    /// <summary>The one confirmation allowed after STOP (R58, R64) is Twilio's reply to this very message, or nothing.</summary>
    private static ContentHttpResult TwiML(string? message) => TypedResults.Content(
        message is null ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"
            : $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>{SecurityElement.Escape(message)}</Message></Response>",
        "text/xml; charset=utf-8");

    private static async Task<(IResult? Refused, Dictionary<string, string> Form)> VerifiedFormAsync(HttpContext http, ResolvedSettings settings, string path, CancellationToken ct)
    {
        var sms = settings.Raw.Sms;
        if (string.IsNullOrEmpty(sms.AuthToken))
        {
            return (TypedResults.NotFound(), []);
        }

        var signature = http.Request.Headers["X-Twilio-Signature"].ToString();
        if (string.IsNullOrEmpty(signature))
        {
            return (Forbidden("the request carries no X-Twilio-Signature"), []);
        }

        if (!http.Request.HasFormContentType)
        {
            return (Problems.Field("Content-Type", "must be application/x-www-form-urlencoded, as Twilio sends"), []);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        IFormCollection collection;
        try
        {
            collection = await http.Request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (TypedResults.Problem(title: "Unreadable form.", detail: e.Message, statusCode: StatusCodes.Status400BadRequest), []);
        }

        var form = collection.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var url = $"{SmsSetup.PublicUrl(settings, path)}{http.Request.QueryString}";
        var algorithm = RequestValidator.GetSignatureAlgorithm(http.Request.Headers[RequestValidator.SignatureSettingsHeader].ToString());
        // Twilio signs with the shared webhook key only when it says so in X-Twilio-Signature-Settings; otherwise with the Auth Token.
        var settingsHeader = http.Request.Headers[RequestValidator.SignatureSettingsHeader].ToString();
        var key = string.IsNullOrEmpty(settingsHeader) ? sms.AuthToken : sms.WebhookSecret ?? sms.AuthToken;
        var valid = new RequestValidator(key).Validate(url, form, signature, algorithm);
        return valid ? (null, form) : (Forbidden("the X-Twilio-Signature does not match this request at its public URL (Marketing:PublicBaseUrl)"), []);
    }

    private static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(title: "Signature check failed.", detail: detail, statusCode: StatusCodes.Status403Forbidden);

    /// <summary>A request refused before it was read further: 404 when the channel is off, 403 or 400 otherwise.</summary>
    private static Results<TAnswer, NotFound, ProblemHttpResult, ValidationProblem> Refused<TAnswer>(IResult refused) where TAnswer : IResult => refused switch
    {
        NotFound notFound => notFound,
        ProblemHttpResult problem => problem,
        ValidationProblem invalid => invalid,
        _ => throw new InvalidOperationException($"{refused.GetType().Name} is not a refusal of the SMS webhooks."),
    };
}
