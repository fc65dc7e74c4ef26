using System.Security.Cryptography;
using Marketing.Channels.Email;
using Marketing.Server.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Marketing.Server.Channels.Email;

/// <summary>
/// Links written into messages. Unsubscribe and preference tokens are the send record's id, encrypted and
/// authenticated with the shared data-protection keys: opaque, unforgeable, and never the address (R68).
/// They do not expire, so a link works long after the message (R61 asks for 30 days at least).
/// </summary>
public sealed class EmailLinks(ResolvedSettings settings, IDataProtectionProvider protection, Marketing.Suppression.AddressHasher hasher) : IEmailLinks
{
    /// <summary>The open pixel's token: a protector of its own, so a pixel's address cannot unsubscribe nor open the preferences.</summary>
    private readonly IDataProtector _opens = protection.CreateProtector("email.opens.v1");
    private readonly IDataProtector _protector = protection.CreateProtector("email.links.v1");
    /// <summary>Links of the first format, which signed the destination alone: still followed, never counted (see docs/security.md).</summary>
    private readonly IDataProtector _formerClicks = protection.CreateProtector("email.clicks.v1");
    private readonly IDataProtector _clicks = protection.CreateProtector("email.clicks.v2");
    private readonly string _base = settings.Raw.PublicBaseUrl.TrimEnd('/');

    public string Unsubscribe(string token) => $"{_base}/email/unsubscribe/{token}";

    public string Preferences(string token) => $"{_base}/email/preferences/{token}";

    public string Confirm(string token) => $"{_base}/email/confirm/{token}";

    public string Account(string token) => $"{_base}/account/link/{token}";

    public string Request(string token) => $"{_base}/requests/confirm/{token}";

    public string Open(Guid sendRecordId) => $"{_base}/email/open/{WebEncoders.Base64UrlEncode(_opens.Protect(sendRecordId.ToByteArray()))}";

    public bool TryReadOpen(string? token, out Guid sendRecordId) => TryReadId(_opens, token, out sendRecordId);

    public string StopOpenTracking(string token) => $"{_base}/email/opens/stop/{token}";

    /// <summary>
    /// The campaign and the destination in clear, under a keyed hash: the same address for every recipient of the campaign
    /// (data protection would encrypt each differently, R31), and nobody can point it elsewhere.
    /// </summary>
    public string CampaignClick(string campaign, string url)
    {
        if (campaign.Length > Marketing.Tracking.RecordCampaignClick.MaxCampaignLength || url.Length > Marketing.Tracking.RecordCampaignClick.MaxUrlLength)
        {
            return url;
        }

        var payload = WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes($"{campaign}\n{url}"));
        return $"{_base}/email/link/{payload}/{CampaignSignature(payload)}";
    }

    /// <summary>The campaign and destination of a campaign-level link the engine wrote.</summary>
    public bool TryReadCampaignClick(string? payload, string? signature, out string campaign, out string url)
    {
        campaign = url = "";
        if (string.IsNullOrEmpty(payload) || payload.Length > 4000 || signature is null
            || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(CampaignSignature(payload)), System.Text.Encoding.ASCII.GetBytes(signature)))
        {
            return false;
        }

        string text;
        try
        {
            text = System.Text.Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(payload));
        }
        catch (FormatException)
        {
            return false;
        }

        var split = text.IndexOf('\n', StringComparison.Ordinal);
        if (split <= 0)
        {
            return false;
        }

        (campaign, url) = (text[..split], text[(split + 1)..]);
        return true;
    }

    // Separated from an address's hash by a NUL no address holds; 128 bits are kept.
    private string CampaignSignature(string payload) => hasher.HashNormalized($"campaign-link\0{payload}")[..32];

    /// <summary>
    /// The send record and the destination under one signature: the destination part of one message's link, put
    /// after another message's token, names the wrong record and is refused.
    /// </summary>
    public string Click(string token, string url)
    {
        if (!TryRead(token, out var sendRecordId))
        {
            throw new ArgumentException("not a token of this engine", nameof(token));
        }

        var payload = new byte[16 + System.Text.Encoding.UTF8.GetByteCount(url)];
        sendRecordId.TryWriteBytes(payload);
        System.Text.Encoding.UTF8.GetBytes(url, payload.AsSpan(16));
        return $"{_base}/email/click/{token}/{WebEncoders.Base64UrlEncode(_clicks.Protect(payload))}";
    }

    /// <summary>What a tracked link leads to, when the engine wrote it; <paramref name="counts"/> when it was written for this send record.</summary>
    public bool TryReadClick(Guid sendRecordId, string? target, out string url, out bool counts)
    {
        url = "";
        counts = false;
        if (string.IsNullOrEmpty(target) || target.Length > 4000)
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(target);
        }
        catch (FormatException)
        {
            return false;
        }

        if (Unprotect(_clicks, bytes) is { Length: >= 16 } payload)
        {
            if (new Guid(payload.AsSpan(0, 16)) != sendRecordId)
            {
                return false;
            }

            url = System.Text.Encoding.UTF8.GetString(payload.AsSpan(16));
            counts = true;
            return true;
        }

        if (Unprotect(_formerClicks, bytes) is { } former)
        {
            url = System.Text.Encoding.UTF8.GetString(former);
            return true;
        }

        return false;
    }

    private static byte[]? Unprotect(IDataProtector protector, byte[] bytes)
    {
        try
        {
            return protector.Unprotect(bytes);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public string Token(Guid sendRecordId) => WebEncoders.Base64UrlEncode(_protector.Protect(sendRecordId.ToByteArray()));

    public bool TryRead(string? token, out Guid sendRecordId) => TryReadId(_protector, token, out sendRecordId);

    private static bool TryReadId(IDataProtector protector, string? token, out Guid sendRecordId)
    {
        sendRecordId = Guid.Empty;
        if (string.IsNullOrEmpty(token) || token.Length > 400)
        {
            return false;
        }

        try
        {
            var bytes = protector.Unprotect(WebEncoders.Base64UrlDecode(token));
            if (bytes.Length != 16)
            {
                return false;
            }

            sendRecordId = new Guid(bytes);
            return true;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return false;
        }
    }
}
