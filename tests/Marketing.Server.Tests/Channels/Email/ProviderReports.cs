using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Channels.Email;

/// <summary>What a mail provider sends the engine about its messages: delivery reports and calls to the events webhook.</summary>
public static class ProviderReports
{
    /// <summary>
    /// A delivery status notification (RFC 3464) as a receiving MTA writes it: <c>5.1.1</c> for a dead mailbox,
    /// <c>4.2.2</c> for one over quota (a temporary failure).
    /// </summary>
    public static string Dsn(string recipient, string messageId, string status = "5.1.1") => $"""
        From: MAILER-DAEMON@mx.example
        To: hello@acme.example
        Subject: Undelivered Mail Returned to Sender
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

        --b1
        Content-Type: text/plain

        Delivery failed.
        --b1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example

        Final-Recipient: rfc822; {recipient}
        Action: failed
        Status: {status}

        --b1
        Content-Type: text/rfc822-headers

        Message-ID: <{messageId}>
        From: news@acme.example

        --b1--
        """.ReplaceLineEndings("\r\n");

    /// <summary>A call to the bounce and complaint webhook, with the configured token unless another is given.</summary>
    public static HttpRequestMessage Events(HttpContent content, string? authorization = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/email-events") { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", authorization ?? $"Bearer {EmailApp.EventsToken}");
        return request;
    }
}
