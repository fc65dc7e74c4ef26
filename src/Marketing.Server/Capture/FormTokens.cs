using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace Marketing.Server.Capture;

/// <summary>
/// A signed note of when a form was shown, handed out with the form and sent back with the submission.
/// A person takes seconds to fill a form; a bot takes milliseconds (minimum fill time). Signed with the
/// shared key ring, so any node can check a token another node issued.
/// </summary>
public sealed class FormTokens(IDataProtectionProvider protection, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("capture.form-shown").ToTimeLimitedDataProtector();

    public string Issue(string formId) =>
        _protector.Protect($"{formId}|{clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}", Lifetime);

    /// <summary>
    /// Null when the token is good; otherwise the key of what to tell the person (<see cref="CaptureTexts.Say"/>), which
    /// never names the minimum fill time: a bot must not learn the rule it tripped.
    /// </summary>
    public string? Check(string formId, string? token, int minFillSeconds)
    {
        if (string.IsNullOrEmpty(token))
        {
            return "token.missing";
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return "token.expired";
        }

        var parts = payload.Split('|');
        if (parts.Length != 2 || parts[0] != formId || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var shownAt))
        {
            return "token.otherForm";
        }

        var elapsed = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(shownAt);
        return elapsed < TimeSpan.FromSeconds(minFillSeconds) ? "token.tooFast" : null;
    }
}
