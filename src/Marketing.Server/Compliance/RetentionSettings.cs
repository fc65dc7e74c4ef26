using Marketing.Compliance;
using Marketing.Server.Hosting;

namespace Marketing.Server.Compliance;

/// <summary>The prospect rule's periods (R19, R40): how long after the last contact, and how long a re-permission message waits.</summary>
public sealed class RetentionSettings
{
    public const string Section = "Marketing:Retention";

    /// <summary>Months after the last qualifying activity before a person enters retention_expiring (CNIL: 36).</summary>
    public int ProspectMonths { get; set; } = RetentionRules.DefaultProspectMonths;
    /// <summary>Days the re-permission message waits for a positive answer before the person is erased or archived.</summary>
    public int AnswerDays { get; set; } = RetentionRules.DefaultAnswerDays;
    /// <summary>R41: years consent proof is kept after processing under its purpose and channel ended (default 5).</summary>
    public int ConsentProofYears { get; set; } = RetentionRules.ConsentProofYearsAfterProcessing;

    public void Validate()
    {
        Setting.Require(ProspectMonths is >= 1 and <= 120, $"{Section}:ProspectMonths", "must be between 1 and 120 months");
        Setting.Require(AnswerDays is >= 1 and <= 365, $"{Section}:AnswerDays", "must be between 1 and 365 days");
        Setting.Require(ConsentProofYears is >= 1 and <= 30, $"{Section}:ConsentProofYears", "must be between 1 and 30 years");
    }

    public RetentionPeriods ToPeriods() => new(ProspectMonths, AnswerDays);
}
