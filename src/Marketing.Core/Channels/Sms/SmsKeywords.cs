namespace Marketing.Channels.Sms;

/// <summary>
/// The words an inbound SMS is read as. The whole message counts, trimmed and case-insensitive: "Stop" and
/// " stop. " stop, "stop the car" does not (carriers' and Twilio's own rule). Operators may add words.
/// </summary>
public sealed class SmsKeywords(IEnumerable<string> extraStop, IEnumerable<string> extraStart, IEnumerable<string> extraYes)
{
    /// <summary>R58 (France: STOP, ARRET) and R64 (TCPA's per-se revocations).</summary>
    public static readonly IReadOnlyList<string> DefaultStop =
        ["STOP", "ARRET", "ARRÊT", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPT OUT", "OPTOUT"];

    public static readonly IReadOnlyList<string> DefaultStart = ["START", "UNSTOP"];

    /// <summary>Replies that verify a number (R21), in the engine's languages.</summary>
    public static readonly IReadOnlyList<string> DefaultYes = ["YES", "OUI", "Y", "O", "JA", "SI"];

    public static SmsKeywords Defaults { get; } = new([], [], []);

    private readonly HashSet<string> _stop = [.. DefaultStop.Concat(extraStop).Select(Normalize)];
    private readonly HashSet<string> _start = [.. DefaultStart.Concat(extraStart).Select(Normalize)];
    private readonly HashSet<string> _yes = [.. DefaultYes.Concat(extraYes).Select(Normalize)];

    public SmsIntent Read(string? body)
    {
        var text = Normalize(body ?? "");
        // "STOP please", "Stop texting me": a message that opens with a stop word revokes too (R64: any reasonable
        // way); reading it as an ordinary reply would be the wrong way to be wrong.
        return _stop.Contains(text) || _stop.Any(word => text.StartsWith(word + " ", StringComparison.Ordinal)) ? SmsIntent.Stop
            : _start.Contains(text) ? SmsIntent.Start
            : _yes.Contains(text) ? SmsIntent.Yes
            : SmsIntent.Other;
    }

    /// <summary>Upper-case (invariant: accents kept), inner spaces collapsed, closing punctuation dropped.</summary>
    public static string Normalize(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Trim().TrimEnd('.', '!', '?').Trim().ToUpperInvariant();

    /// <summary>What <see cref="SmsReply.Keyword"/> keeps: the first word only, at most 32 characters.</summary>
    public static string FirstWord(string? body)
    {
        var first = (body ?? "").Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        first = first.ToUpperInvariant();
        return first.Length > 32 ? first[..32] : first;
    }
}

public enum SmsIntent
{
    Other,
    Stop,
    Start,
    Yes,
}
