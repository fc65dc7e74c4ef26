using Marketing.Sending;
using Marketing.Templates;
using MimeKit;
using MimeKit.Cryptography;

namespace Marketing.Channels.Email;

/// <summary>The DKIM key the engine signs with, when one is configured.</summary>
public sealed record DkimKey(string Domain, string Selector, string PrivateKeyPem);

/// <summary>Addresses and identity the composer writes into every message.</summary>
public sealed record EmailIdentity(
    MailboxAddress MarketingFrom,
    MailboxAddress TransactionalFrom,
    string? UnsubscribeMailto,
    string MessageIdDomain);

/// <summary>
/// Builds the MIME message for one send record: HTML and text parts, a Message-ID derived from the record
/// (so a retry is recognisably the same message), the RFC 8058 headers on marketing mail, and a DKIM
/// signature that covers them when a key is configured.
/// </summary>
public sealed class EmailComposer
{
    /// <summary>Signed headers (R68): the one-click headers must be covered, or receivers ignore them.</summary>
    private static readonly HeaderId[] MarketingSignedHeaders =
        [HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId, HeaderId.ListUnsubscribe, HeaderId.ListUnsubscribePost, HeaderId.MimeVersion, HeaderId.ContentType];
    private static readonly HeaderId[] OtherSignedHeaders =
        [HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId, HeaderId.MimeVersion, HeaderId.ContentType];

    private readonly EmailIdentity _identity;
    private readonly DkimSigner? _signer;

    public EmailComposer(EmailIdentity identity, DkimKey? dkim)
    {
        _identity = identity;
        if (dkim is not null)
        {
            _signer = new NativeRsaDkimSigner(dkim.PrivateKeyPem, dkim.Domain, dkim.Selector)
            {
                HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
                BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            };
        }
    }

    public bool Signs => _signer is not null;

    public static string MessageIdFor(Guid sendRecordId, string domain) => $"{sendRecordId:N}@{domain}";

    public MimeMessage Compose(SendRecord record, string to, RenderedMessage rendered, string? unsubscribeUrl, DateTimeOffset now)
    {
        var marketing = record.MessageType == MessageTypes.Marketing;
        var message = new MimeMessage
        {
            Subject = rendered.Subject,
            Date = now,
            MessageId = MessageIdFor(record.Id, _identity.MessageIdDomain),
        };
        // Marketing and other mail leave from different addresses, so receivers can judge them apart (R60). A copy each
        // time: an address list subscribes to its addresses' change events, so one shared instance would keep every
        // message it was ever added to alive.
        var from = marketing ? _identity.MarketingFrom : _identity.TransactionalFrom;
        message.From.Add(new MailboxAddress(from.Name, from.Address));
        message.To.Add(MailboxAddress.Parse(to));
        if (marketing)
        {
            if (unsubscribeUrl is null)
            {
                throw new InvalidOperationException("A marketing message needs its unsubscribe URL.");
            }

            var mailto = _identity.UnsubscribeMailto is { } box ? $", <mailto:{box}?subject=unsubscribe-{record.Id:N}>" : "";
            message.Headers.Add(HeaderId.ListUnsubscribe, $"<{unsubscribeUrl}>{mailto}");
            // RFC 8058 one-click only over https; a local trial's http link is offered without it.
            if (unsubscribeUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                message.Headers.Add(HeaderId.ListUnsubscribePost, "List-Unsubscribe=One-Click");
            }
        }

        message.Body = new BodyBuilder { HtmlBody = rendered.Html, TextBody = rendered.Text }.ToMessageBody();
        if (_signer is not null)
        {
            // Encoded first: the signature must be over the bytes that will travel.
            message.Prepare(EncodingConstraint.SevenBit);
            _signer.Sign(message, marketing ? MarketingSignedHeaders : OtherSignedHeaders);
        }

        return message;
    }
}
