namespace Marketing.Compliance;

/// <summary>What a restriction or its lifting must state (R39): a reason, in words, kept with the person and audited.</summary>
public static class RestrictionRules
{
    public const int MaxReasonLength = 500;

    public static class Messages
    {
        public const string ReasonRequired = "is required: say why (a contested accuracy, a pending objection, a legal claim…)";
        public const string ReasonTooLong = "must be at most 500 characters";
        public const string AlreadyRestricted = "This person's processing is already restricted.";
        public const string NotRestricted = "This person's processing is not restricted.";
    }

    /// <summary>The reason, trimmed, or the message saying what is wrong with it.</summary>
    public static (string? Reason, string? Problem) CheckReason(string? reason)
    {
        var trimmed = reason?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return (null, Messages.ReasonRequired);
        }

        return trimmed.Length > MaxReasonLength || trimmed.Any(c => char.IsControl(c) && c is not ('\n' or '\r'))
            ? (null, trimmed.Length > MaxReasonLength ? Messages.ReasonTooLong : Messages.ReasonRequired)
            : (trimmed, null);
    }
}
