using System.Security.Cryptography;
using Marketing.Email;
using Marketing.Server.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Marketing.Server.Email;

/// <summary>
/// Links written into messages. Unsubscribe and preference tokens are the send record's id, encrypted and
/// authenticated with the shared data-protection keys: opaque, unforgeable, and never the address (R68).
/// They do not expire, so a link works long after the message (R61 asks for 30 days at least).
/// </summary>
public sealed class EmailLinks(ResolvedSettings settings, IDataProtectionProvider protection) : IEmailLinks
{
    private readonly IDataProtector _protector = protection.CreateProtector("email.links.v1");
    private readonly IDataProtector _clicks = protection.CreateProtector("email.clicks.v1");
    private readonly string _base = settings.Raw.PublicBaseUrl.TrimEnd('/');

    public string Unsubscribe(string token) => $"{_base}/email/unsubscribe/{token}";

    public string Preferences(string token) => $"{_base}/email/preferences/{token}";

    public string Confirm(string token) => $"{_base}/email/confirm/{token}";

    public string Click(string token, string url) =>
        $"{_base}/email/click/{token}/{WebEncoders.Base64UrlEncode(_clicks.Protect(System.Text.Encoding.UTF8.GetBytes(url)))}";

    /// <summary>The address a tracked link leads to, when the link is one the engine wrote.</summary>
    public bool TryReadClick(string? target, out string url)
    {
        url = "";
        if (string.IsNullOrEmpty(target) || target.Length > 4000)
        {
            return false;
        }

        try
        {
            url = System.Text.Encoding.UTF8.GetString(_clicks.Unprotect(WebEncoders.Base64UrlDecode(target)));
            return true;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return false;
        }
    }

    public string Token(Guid sendRecordId) => WebEncoders.Base64UrlEncode(_protector.Protect(sendRecordId.ToByteArray()));

    public bool TryRead(string? token, out Guid sendRecordId)
    {
        sendRecordId = Guid.Empty;
        if (string.IsNullOrEmpty(token) || token.Length > 400)
        {
            return false;
        }

        try
        {
            var bytes = _protector.Unprotect(WebEncoders.Base64UrlDecode(token));
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
