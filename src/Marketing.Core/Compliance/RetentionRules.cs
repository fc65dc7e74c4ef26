using Marketing.Consent;

namespace Marketing.Compliance;

/// <summary>What a person did that counts as contact for the prospect rule (R40): never an open, never a bot's click.</summary>
public static class QualifyingActivities
{
    public const string SignUp = "sign_up";
    public const string SmsReply = "sms_reply";
    public const string Click = "click";
    public const string Order = "order";
    /// <summary>A consent confirmed afresh: the positive answer to a re-permission message (R19).</summary>
    public const string ConsentConfirmed = "consent_confirmed";
    public const string Open = "open";
    public const string BotClick = "bot_click";

    public static IReadOnlyList<string> All { get; } = [SignUp, SmsReply, Click, Order, ConsentConfirmed];

    // R40, CNIL SAN-2020-003: opening an email is no contact.
    public static bool Counts(string activity) => All.Contains(activity);
}

/// <summary>What happens to a person whose retention ran out without an answer, per purpose (R40).</summary>
public static class RetentionPolicies
{
    /// <summary>Erased (<see cref="ErasePerson"/>, ground <see cref="ErasureGrounds.RetentionExpired"/>).</summary>
    public const string Erase = "erase";
    /// <summary>Kept, restricted (<see cref="RestrictPerson"/>): stored only, as an intermediate archive.</summary>
    public const string Archive = "archive";

    public static IReadOnlyList<string> All { get; } = [Erase, Archive];

    /// <summary>A person under several purposes is archived when one of them says so: erasure cannot be undone.</summary>
    public static string For(IEnumerable<string> purposePolicies) =>
        purposePolicies.Contains(Archive) ? Archive : Erase;
}

/// <summary>Where a person stands under the prospect rule (R19, R40).</summary>
public enum RetentionStage
{
    /// <summary>Last contact less than the retention period ago.</summary>
    Active,
    /// <summary>The period ran out now: enter <c>retention_expiring</c>, one re-permission message may go.</summary>
    Expires,
    /// <summary>In <c>retention_expiring</c>, waiting for an answer.</summary>
    Expiring,
    /// <summary>In <c>retention_expiring</c>, and the person answered: a qualifying activity since. Kept.</summary>
    Answered,
    /// <summary>In <c>retention_expiring</c>, no answer within the days given: erase or archive.</summary>
    Due,
}

/// <summary>How long the prospect rule keeps a person, and how long a re-permission message waits (R40).</summary>
/// <param name="ProspectMonths">CNIL: 3 years after the last contact.</param>
/// <param name="AnswerDays">How long the re-permission message waits for a positive answer.</param>
public sealed record RetentionPeriods(int ProspectMonths = RetentionRules.DefaultProspectMonths, int AnswerDays = RetentionRules.DefaultAnswerDays);

/// <summary>The retention rules as functions of dates alone, with no database or clock (R19, R40, R41).</summary>
public static class RetentionRules
{
    public const int DefaultProspectMonths = 36;
    public const int DefaultAnswerDays = 30;
    public const int MaxValidForDays = PurposeRules.MaxRetentionDays;
    /// <summary>R41: consent proof outlives the processing by the French civil limitation period (C. civ. art. 2224).</summary>
    public const int ConsentProofYearsAfterProcessing = 5;

    /// <summary>When a person's data reaches the end of the prospect period: the last contact plus the period.</summary>
    public static DateTimeOffset ExpiresAt(DateTimeOffset lastActivity, RetentionPeriods periods) => lastActivity.AddMonths(periods.ProspectMonths);

    public static RetentionStage Stage(DateTimeOffset lastActivity, DateTimeOffset? expiringSince, DateTimeOffset now, RetentionPeriods periods)
    {
        if (expiringSince is not { } since)
        {
            return now >= ExpiresAt(lastActivity, periods) ? RetentionStage.Expires : RetentionStage.Active;
        }

        if (lastActivity > since)
        {
            return RetentionStage.Answered;
        }

        return now >= since.AddDays(periods.AnswerDays) ? RetentionStage.Due : RetentionStage.Expiring;
    }

    /// <summary>
    /// How many days a basis lasts after the person's last contact in a regime (R19): what the purpose declares, else
    /// the regime's rule. CASL implied consent (here: legitimate interest in Canada) is 2 years; the CNIL's 3 years
    /// elsewhere. Contract and legal obligation carry no marketing and do not decay here.
    /// </summary>
    public static int? ValidForDays(string regime, PurposeBasis basis)
    {
        if (basis.ValidForDays is { } declared)
        {
            return declared;
        }

        return basis.Basis switch
        {
            LawfulBases.LegitimateInterest when regime is "ca" or "ca-b2b" => 730,
            LawfulBases.Consent or LawfulBases.LegitimateInterest => 1095,
            _ => null,
        };
    }

    /// <summary>The basis's <c>valid_until</c> for a person last in contact at <paramref name="lastActivity"/>; null when it does not decay.</summary>
    public static DateTimeOffset? ValidUntil(DateTimeOffset lastActivity, string regime, PurposeBasis basis) =>
        ValidForDays(regime, basis) is { } days ? lastActivity.AddDays(days) : null;

    /// <summary>R41: until when a person's consent proof is kept once processing of them ended.</summary>
    public static DateTimeOffset ConsentProofUntil(DateTimeOffset processingEnded, int years = ConsentProofYearsAfterProcessing) => processingEnded.AddYears(years);

    /// <summary>R41: evidence past its date goes, unless a legal hold names it.</summary>
    public static bool MayPurgeEvidence(DateTimeOffset keptUntil, DateTimeOffset now, bool legalHold) => !legalHold && now >= keptUntil;
}
