using System.Text;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Server.Tests.PublicEndpoints.Properties;
using Microsoft.AspNetCore.WebUtilities;
using Xunit.Abstractions;
using static Marketing.Server.Tests.PublicEndpoints.Properties.HostileText;

namespace Marketing.Server.Tests.PublicEndpoints;

/// <summary>
/// Every public endpoint and webhook under generated requests: bodies valid,
/// spoiled and random; content types, codings and framings; headers; known, unknown and malformed identifiers.
/// See <see cref="PropertyRun"/> for the properties and how to change the seed.
/// </summary>
public abstract class PublicEndpointProperties<TApp>(TApp app, ITestOutputHelper output) : IClassFixture<TApp> where TApp : HostileApp
{
    // A submission that queues a confirmation also enqueues its dispatch pass (a Hangfire job, its state, queue entry and parameters).
    // Each also writes its webhook events in the same save (R55, ADR 20), whose signal enqueues a delivery pass.
    private static readonly string[] Captured = ["people", "submissions", "consent_events", "consent_states", "doi_requests", "send_records", "audit_log",
        "job", "state", "jobqueue", "jobparameter", "webhook_events"];
    private static readonly string[] Withdrawals = ["consent_events", "consent_states", "suppressions", "audit_log", "webhook_events",
        "job", "state", "jobqueue", "jobparameter"];

    [Fact]
    public async Task FormRender_NeverFails_AndChangesNothing()
    {
        var w = await PublicWorld.OfAsync(app);
        await PropertyRun.CheckAsync(app, output, "GET form", r =>
            Request(r, "GET", $"/public/sites/{Segment(r, w.Site)}/forms/{Segment(r, w.Capture.Form)}{Query(r, "locale")}", null));
    }

    [Fact]
    public async Task FormSubmission_NeverFails_AndARefusalStoresNothing()
    {
        var w = await PublicWorld.OfAsync(app);
        await PropertyRun.CheckAsync(app, output, "POST submission", r =>
        {
            var email = $"p{r.Next()}@example.com";
            var json = Json(new
            {
                formVersion = 1, submissionId = $"{r.Next():x8}{r.Next():x8}", token = w.FormToken,
                fields = new { email, first_name = "Jane", phone = $"0612{r.Next(0, 1_000_000):D6}" },
                consents = new[] { w.Capture.Newsletter, w.Capture.Sms }[..r.Next(3)],
                context = new { pageUrl = "https://www.acme.example/p?utm_source=x", referrer = "https://search.example/", timeZone = "Europe/Paris", locale = "en" },
            });
            KeyValuePair<string, string>[] form = [new("_form_version", "1"), new("email", email), new("first_name", "Jean"), new("consent", w.Capture.Newsletter)];
            return Request(r, "POST", $"/public/sites/{Segment(r, w.Site)}/forms/{Segment(r, w.Capture.Form)}/submissions", Body(r, json, form));
        }, Captured);
    }

    [Fact]
    public async Task BannerConfig_NeverFails_AndChangesNothing()
    {
        var w = await PublicWorld.OfAsync(app);
        await PropertyRun.CheckAsync(app, output, "GET banner", r => Request(r, "GET", $"/public/sites/{Segment(r, w.Site)}/consent{Query(r, "locale")}", null));
    }

    [Fact]
    public async Task CookieConsentRecord_NeverFails_AndARefusalStoresNothing()
    {
        var w = await PublicWorld.OfAsync(app);
        await PropertyRun.CheckAsync(app, output, "POST cookie consent", r =>
        {
            var json = Json(new
            {
                consentId = Guid.NewGuid().ToString(), version = w.BannerVersion, configHash = w.BannerSha256, action = "custom",
                categories = new { essential = true, analytics = r.Next(2) == 0, marketing = false }, services = new { session = true },
                pageUrl = "https://www.acme.example/pricing", locale = "en", gpc = false,
            });
            return Request(r, "POST", $"/public/sites/{Segment(r, w.Site)}/consent/records", Body(r, json, [new("version", "1")]));
        }, "cookie_consent_records");
    }

    [Fact]
    public async Task Unsubscribe_NeverFails_AndARefusalWithdrawsNothing()
    {
        var w = await PublicWorld.OfAsync(app);
        await PropertyRun.CheckAsync(app, output, "unsubscribe", r =>
            Request(r, r.Next(3) == 0 ? "GET" : "POST", $"/email/unsubscribe/{Token(r, w.LinkToken)}", Body(r, "{}", [new("List-Unsubscribe", "One-Click")])),
            Withdrawals);
    }

    [Fact]
    public async Task Preferences_NeverFail_AndARefusalWithdrawsNothing()
    {
        var w = await PublicWorld.OfAsync(app);
        await PropertyRun.CheckAsync(app, output, "preferences", r =>
            Request(r, r.Next(3) == 0 ? "GET" : "POST", $"/email/preferences/{Token(r, w.LinkToken)}",
                Body(r, "{}", r.Next(2) == 0 ? [new("withdraw", w.Capture.Newsletter), new("withdraw", w.Capture.Sms)] : [new("all", "1")])),
            Withdrawals);
    }

    [Fact]
    public async Task DoubleOptInConfirmation_NeverFails_AndARefusalConfirmsNothing()
    {
        var w = await PublicWorld.OfAsync(app);
        await PropertyRun.CheckAsync(app, output, "confirm", r =>
            Request(r, r.Next(3) == 0 ? "GET" : "POST", $"/email/confirm/{Token(r, w.DoiToken)}", Body(r, "{}", [])),
            [.. Withdrawals, "doi_requests", "people"]);
    }

    [Fact]
    public async Task TrackedClick_NeverFails_AndChangesNoCount()
    {
        var w = await PublicWorld.OfAsync(app);
        await PropertyRun.CheckAsync(app, output, "click", r => Request(r, "GET", $"/email/click/{Token(r, w.LinkToken)}/{Segment(r, "aGVsbG8")}", null));
    }

    [Fact]
    public async Task TwilioInbound_NeverFails_AndARefusalStoresNothing()
    {
        var w = await PublicWorld.OfAsync(app);
        await PropertyRun.CheckAsync(app, output, "Twilio inbound", r =>
        {
            KeyValuePair<string, string>[] form =
            [
                new("MessageSid", $"SM{r.Next():x8}{r.Next():x8}"), new("AccountSid", SmsApp.AccountSid), new("From", r.Next(3) == 0 ? Text(r) : w.Phone),
                new("To", SmsApp.From), new("Body", new[] { "STOP", "START", "YES", "hello", Text(r) }[r.Next(5)]), new("NumMedia", "0"),
            ];
            return Twilio(Request(r, "POST", "/api/sms/inbound", Body(r, "{}", form, formWeight: 8)), r);
        }, [.. Withdrawals, "sms_replies"]);
    }

    [Fact]
    public async Task TwilioStatus_NeverFails_AndARefusalStoresNothing()
    {
        var w = await PublicWorld.OfAsync(app);
        await PropertyRun.CheckAsync(app, output, "Twilio status", r =>
        {
            KeyValuePair<string, string>[] form =
            [
                new("MessageSid", r.Next(4) == 0 ? Text(r) : w.SmsMessageSid), new("AccountSid", SmsApp.AccountSid),
                new("MessageStatus", new[] { "delivered", "undelivered", "failed", "sent", "queued", Text(r) }[r.Next(6)]), new("ErrorCode", r.Next(2) == 0 ? "30003" : Text(r)),
            ];
            return Twilio(Request(r, "POST", "/api/sms/status", Body(r, "{}", form, formWeight: 8)), r);
        }, [.. Withdrawals, "delivery_feedback"]);
    }

    [Fact]
    public async Task EmailEventsWebhook_NeverFails_AndARefusalStoresNothing()
    {
        var w = await PublicWorld.OfAsync(app);
        await PropertyRun.CheckAsync(app, output, "email events", r =>
        {
            var json = Json(new
            {
                events = new[]
                {
                    new { type = new[] { "hard_bounce", "soft_bounce", "complaint", "x" }[r.Next(4)], recipient = r.Next(2) == 0 ? $"b{r.Next()}@example.com" : w.Email, messageId = $"<{r.Next()}@acme.example>" },
                },
            });
            var request = Request(r, "POST", "/api/email-events", Body(r, json, []));
            if (r.Next(5) == 0)
            {
                request = request with { ContentType = new[] { "message/rfc822", "multipart/report; report-type=delivery-status; boundary=x" }[r.Next(2)], Body = Dsn(r, w.Email) };
            }

            var auth = r.Next(6) switch { 0 => "", 1 => "Bearer wrong", 2 => $"Bearer {EmailApp.EventsToken}x", _ => $"Bearer {EmailApp.EventsToken}" };
            return auth.Length == 0 ? request : request with { Headers = [.. request.Headers, new("Authorization", auth)] };
        }, [.. Withdrawals, "delivery_feedback"]);
    }

    /// <summary>A request with generated headers, and a body (with its type, coding and framing) when given one.</summary>
    private static HostileRequest Request(Random r, string method, string path, (byte[] Body, string? ContentType)? body)
    {
        var headers = new List<KeyValuePair<string, string>>();
        void Maybe(string name, params string[] values)
        {
            if (r.Next(2) == 0)
            {
                headers.Add(new(name, values[r.Next(values.Length)]));
            }
        }

        Maybe("Accept", "*/*", "text/html", "text/plain", "application/json", "application/xml", "garbage;;;q=x");
        Maybe("Origin", "https://www.acme.example", "https://evil.example", "null", "garbage");
        Maybe("Accept-Language", "fr", "de-DE,de;q=0.9", "xx-invalid-;q=abc", new string('a', 3000));
        Maybe("User-Agent", "Mozilla/5.0", Text(r) is { Length: < 2000 } ua && ua.All(c => c is >= ' ' and < '\u007f') ? ua : "x", "agent\u0001");
        Maybe("Referer", "https://www.acme.example/from", "javascript:alert(1)");
        if (body is not { } b)
        {
            return new HostileRequest(method, path, headers, null, null);
        }

        var (bytes, coding) = Encode(r, b.Body);
        if (coding is not null)
        {
            headers.Add(new("Content-Encoding", coding));
        }

        var framing = r.Next(10) switch { 0 => Framing.Chunked, 1 => Framing.LengthTooShort, 2 => Framing.LengthTooLong, _ => Framing.Length };
        return new HostileRequest(method, path, headers, b.ContentType, bytes, framing);
    }

    /// <summary>A body as the endpoint documents it (JSON or a form), or another, or none, with a content type that may not match.</summary>
    private static (byte[] Body, string? ContentType)? Body(Random r, string json, IReadOnlyList<KeyValuePair<string, string>> form, int formWeight = 3)
    {
        var k = r.Next(12);
        return k switch
        {
            0 => null,
            _ when k <= formWeight => (FormBody(r, form), r.Next(6) == 0 ? "application/x-www-form-urlencoded; charset=iso-8859-1" : "application/x-www-form-urlencoded"),
            9 => Multipart(r, form),
            10 => (RandomBytes(r), new[] { "text/plain", "application/xml", "application/octet-stream", "x", "application/json; charset=utf-16", "" }[r.Next(6)]),
            _ => (JsonBody(r, json), r.Next(8) == 0 ? "application/problem+json" : "application/json"),
        };
    }

    private static string Query(Random r, string name) => r.Next(3) switch
    {
        0 => "",
        1 => $"?{name}={Uri.EscapeDataString(Text(r) is { Length: < 3000 } s ? s : "x")}",
        _ => $"?{name}={new[] { "fr", "en", "%00", "%ff", "de-DE" }[r.Next(5)]}&{name}=en",
    };

    private static string Token(Random r, string valid) => r.Next(5) switch
    {
        0 => valid[..Math.Max(1, r.Next(valid.Length))],
        1 => valid.Length > 5 ? $"{valid[..5]}{(valid[5] == 'A' ? 'B' : 'A')}{valid[6..]}" : valid,
        _ => Segment(r, valid),
    };

    /// <summary>Twilio's signature of the form actually sent, most of the time, so that the handler behind it is reached.</summary>
    private static HostileRequest Twilio(HostileRequest request, Random r)
    {
        if (r.Next(5) == 0)
        {
            return r.Next(2) == 0 ? request : request with { Headers = [.. request.Headers, new("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl")] };
        }

        var text = request.Body is null ? "" : Encoding.UTF8.GetString(request.Body);
        var form = QueryHelpers.ParseQuery(text.StartsWith('?') ? text : $"?{text}").ToDictionary(p => p.Key, p => p.Value.ToString());
        return request with { Headers = [.. request.Headers, new("X-Twilio-Signature", SmsApp.Sign($"{HostileApp.PublicBaseUrl}{request.Path}", form))] };
    }

    /// <summary>A delivery status notification (RFC 3464) for an address, or a spoiled one.</summary>
    private static byte[] Dsn(Random r, string email)
    {
        var dsn = "From: MAILER-DAEMON@relay.example\r\nTo: bounces@acme.example\r\nSubject: Undelivered\r\nMIME-Version: 1.0\r\n" +
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"x\"\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nfailed\r\n" +
            $"--x\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; relay.example\r\n\r\nFinal-Recipient: rfc822; {(r.Next(3) == 0 ? Text(r) : email)}\r\n" +
            $"Action: failed\r\nStatus: {(r.Next(3) == 0 ? Text(r) : "5.1.1")}\r\n\r\n--x--\r\n";
        var bytes = Encoding.UTF8.GetBytes(dsn);
        return r.Next(4) == 0 ? bytes[..r.Next(bytes.Length)] : bytes;
    }
}

public sealed class PublicEndpointProperties_OnSqlite(SqliteHostileApp app, ITestOutputHelper output) : PublicEndpointProperties<SqliteHostileApp>(app, output);

public sealed class PublicEndpointProperties_OnPostgres(PostgresHostileApp app, ITestOutputHelper output) : PublicEndpointProperties<PostgresHostileApp>(app, output);
