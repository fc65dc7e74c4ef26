using Marketing.Compliance;
using Marketing.Consent;

namespace Marketing.Core.Tests.Compliance;

/// <summary>The prospect rule (R40), the decay of bases (R19) and the evidence periods (R41), as tables of dates.</summary>
public sealed class RetentionRulesFacts
{
    private static readonly DateTimeOffset Contact = new(2023, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("sign_up", true)]
    [InlineData("sms_reply", true)]
    [InlineData("click", true)]
    [InlineData("order", true)]
    [InlineData("consent_confirmed", true)]
    [InlineData("open", false)]
    [InlineData("bot_click", false)]
    [InlineData("unsubscribe", false)]
    public void QualifyingActivity_IsContact_NeverAnOpen(string activity, bool counts) =>
        Assert.Equal(counts, QualifyingActivities.Counts(activity));

    /// <summary>Columns: the moment (from the last contact), since when expiring (null: not), a contact after that, the stage.</summary>
    [Theory]
    [InlineData("2026-02-28T09:00:00Z", null, null, RetentionStage.Active)]
    [InlineData("2026-03-01T08:59:59Z", null, null, RetentionStage.Active)]
    [InlineData("2026-03-01T09:00:00Z", null, null, RetentionStage.Expires)]
    [InlineData("2027-01-01T00:00:00Z", null, null, RetentionStage.Expires)]
    [InlineData("2026-03-15T09:00:00Z", "2026-03-01T09:00:00Z", null, RetentionStage.Expiring)]
    [InlineData("2026-03-31T08:59:59Z", "2026-03-01T09:00:00Z", null, RetentionStage.Expiring)]
    [InlineData("2026-03-31T09:00:00Z", "2026-03-01T09:00:00Z", null, RetentionStage.Due)]
    [InlineData("2026-03-20T09:00:00Z", "2026-03-01T09:00:00Z", "2026-03-10T12:00:00Z", RetentionStage.Answered)]
    [InlineData("2026-04-20T09:00:00Z", "2026-03-01T09:00:00Z", "2026-03-10T12:00:00Z", RetentionStage.Answered)]
    [InlineData("2026-04-20T09:00:00Z", "2026-03-01T09:00:00Z", "2026-03-01T09:00:00Z", RetentionStage.Due)]
    public void Stage_FollowsTheLastContact(string now, string? expiringSince, string? answeredAt, RetentionStage expected)
    {
        var last = answeredAt is null ? Contact : DateTimeOffset.Parse(answeredAt, System.Globalization.CultureInfo.InvariantCulture);
        var since = expiringSince is null ? (DateTimeOffset?)null : DateTimeOffset.Parse(expiringSince, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, RetentionRules.Stage(last, since, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), new RetentionPeriods()));
    }

    [Theory]
    [InlineData(12, 7, "2024-03-01T09:00:00Z", "2024-03-08T09:00:00Z")]
    [InlineData(36, 30, "2026-03-01T09:00:00Z", "2026-03-31T09:00:00Z")]
    public void Periods_AreSettings(int months, int days, string expires, string due)
    {
        var periods = new RetentionPeriods(months, days);
        var expiresAt = DateTimeOffset.Parse(expires, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expiresAt, RetentionRules.ExpiresAt(Contact, periods));
        Assert.Equal(RetentionStage.Expiring, RetentionRules.Stage(Contact, expiresAt, DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture).AddSeconds(-1), periods));
        Assert.Equal(RetentionStage.Due, RetentionRules.Stage(Contact, expiresAt, DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture), periods));
    }

    /// <summary>Columns: regime, basis, the days the purpose declares (0: none), the basis's valid_until ("never": it does not decay).</summary>
    [Theory]
    [InlineData("fr", "consent", 0, "2026-02-28T09:00:00Z")]
    [InlineData("eu", "legitimate_interest", 0, "2026-02-28T09:00:00Z")]
    [InlineData("us", "legitimate_interest", 0, "2026-02-28T09:00:00Z")]
    [InlineData("ca", "legitimate_interest", 0, "2025-02-28T09:00:00Z")]
    [InlineData("ca-b2b", "legitimate_interest", 0, "2025-02-28T09:00:00Z")]
    [InlineData("fr", "consent", 180, "2023-08-28T09:00:00Z")]
    [InlineData("fr", "contract", 0, "never")]
    [InlineData("fr", "legal_obligation", 0, "never")]
    [InlineData("fr", "contract", 30, "2023-03-31T09:00:00Z")]
    public void ValidUntil_IsTheRegimesRule_OrWhatThePurposeDeclares(string regime, string basis, int declared, string expected)
    {
        var until = RetentionRules.ValidUntil(Contact, regime, new PurposeBasis(basis, null, declared == 0 ? null : declared));
        Assert.Equal(expected, until is { } at ? at.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) : "never");
    }

    [Theory]
    [InlineData(new string[0], "erase")]
    [InlineData(new[] { "erase" }, "erase")]
    [InlineData(new[] { "archive" }, "archive")]
    [InlineData(new[] { "erase", "archive" }, "archive")]
    [InlineData(new[] { "erase", "erase" }, "erase")]
    public void Policy_ArchivesWhenAnyPurposeSaysSo(string[] policies, string expected) =>
        Assert.Equal(expected, RetentionPolicies.For(policies));

    /// <summary>R41: consent proof is kept 5 years after processing ends, longer under a legal hold.</summary>
    [Theory]
    [InlineData("2026-03-01T09:00:00Z", "2031-03-01T08:59:59Z", false, false)]
    [InlineData("2026-03-01T09:00:00Z", "2031-03-01T09:00:00Z", false, true)]
    [InlineData("2026-03-01T09:00:00Z", "2040-01-01T00:00:00Z", true, false)]
    public void ConsentProof_OutlivesProcessingByFiveYears_UnlessHeld(string ended, string now, bool held, bool purge)
    {
        var until = RetentionRules.ConsentProofUntil(DateTimeOffset.Parse(ended, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(purge, RetentionRules.MayPurgeEvidence(until, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), held));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(1, null)]
    [InlineData(3650, null)]
    [InlineData(0, "bases.fr.validForDays")]
    [InlineData(3651, "bases.fr.validForDays")]
    public void Purpose_ValidForDays_IsOptionalAndBounded(int? days, string? field)
    {
        var errors = PurposeRules.Validate("newsletter", new PurposeInput(new() { ["en"] = "News" }, null, ["email"],
            new() { ["fr"] = new PurposeBasis("consent", null, days) }, 365));
        Assert.Equal(field is null ? [] : [field], errors.Keys.ToArray());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("erase", null)]
    [InlineData("archive", null)]
    [InlineData("delete", "retentionPolicy")]
    [InlineData("", "retentionPolicy")]
    public void Purpose_RetentionPolicy_IsEraseOrArchive(string? policy, string? field)
    {
        var errors = PurposeRules.Validate("newsletter", new PurposeInput(new() { ["en"] = "News" }, null, ["email"],
            new() { ["fr"] = new PurposeBasis("consent") }, 365, policy));
        Assert.Equal(field is null ? [] : [field], errors.Keys.ToArray());
    }
}
