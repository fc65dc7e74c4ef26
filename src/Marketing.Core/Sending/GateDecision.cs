namespace Marketing.Sending;

/// <summary>What the gate answered for one message, and what it relied on.</summary>
public sealed record GateDecision(bool Allowed, string Reason, string? EvidenceKind = null, string? EvidenceId = null)
{
    public const string AllowedDecision = "allowed";
    public const string BlockedDecision = "blocked";

    /// <summary>Where the message goes, when allowed: never stored on the send record, only its hash.</summary>
    public string? Address { get; init; }
    public string? AddressHash { get; init; }

    /// <summary>
    /// The person said no, or can no longer be reached at all: suppressed, withdrawn, objected, expired or erased.
    /// Other refusals (no consent to this purpose yet, a pending confirmation) concern one message only.
    /// </summary>
    public bool Refusal { get; init; }

    /// <summary>Why it was blocked, as a stable name from <see cref="BlockCodes"/> for programs; null when allowed. The reason is for people.</summary>
    public string? Code { get; init; }

    public static GateDecision Block(string code, string reason) => new(false, reason) { Code = code };

    public static GateDecision Refuse(string code, string reason) => new(false, reason) { Code = code, Refusal = true };
}
