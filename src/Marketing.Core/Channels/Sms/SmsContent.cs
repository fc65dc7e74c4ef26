using System.Text.RegularExpressions;

namespace Marketing.Channels.Sms;

/// <summary>What a French marketing SMS must say (R58): who sends it, and how to stop for free.</summary>
public static partial class SmsContent
{
    [GeneratedRegex(@"\bSTOP\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Stop();

    /// <returns>What is missing, or null.</returns>
    public static string? MissingForFrance(string body, string? senderName) =>
        string.IsNullOrWhiteSpace(senderName) ? "a configured sender name (Marketing:Sms:SenderName)"
        : !body.Contains(senderName, StringComparison.OrdinalIgnoreCase) ? $"the sender's name '{senderName}'"
        : !Stop().IsMatch(body) ? "a STOP instruction"
        : null;
}
