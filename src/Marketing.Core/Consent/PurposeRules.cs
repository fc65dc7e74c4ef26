using System.Text.RegularExpressions;
using Marketing.Common;

namespace Marketing.Consent;

public sealed record PurposeInput(
    Dictionary<string, string>? Names,
    Dictionary<string, string>? Descriptions,
    List<string>? Channels,
    Dictionary<string, PurposeBasis>? Bases,
    int? RetentionDays,
    string? RetentionPolicy = null);

public static partial class PurposeRules
{
    public const int MaxRetentionDays = 3650;

    [GeneratedRegex("^[a-z][a-z0-9_]{1,63}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LocalePattern();

    public static bool IsValidKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    public static bool IsValidLocale(string? locale) => locale is not null && LocalePattern().IsMatch(locale);

    /// <summary>Every problem with a purpose, keyed by the JSON path of the field at fault.</summary>
    public static RuleErrors Validate(string key, PurposeInput input)
    {
        var errors = new RuleErrors();
        if (!IsValidKey(key))
        {
            errors.Set("key", "purpose.key");
        }

        ValidateTexts(input.Names, "names", required: true, errors);
        ValidateTexts(input.Descriptions, "descriptions", required: false, errors);

        if (input.Channels is not { Count: > 0 })
        {
            errors.Set("channels", "purpose.channels", ("channels", ChannelKeys.All));
        }
        else
        {
            for (var i = 0; i < input.Channels.Count; i++)
            {
                if (!ChannelKeys.All.Contains(input.Channels[i]))
                {
                    errors.Set($"channels[{i}]", "purpose.channel", ("channels", ChannelKeys.All));
                }
            }
        }

        if (input.Bases is not { Count: > 0 })
        {
            errors.Set("bases", "purpose.bases");
        }
        else
        {
            foreach (var (regime, basis) in input.Bases)
            {
                if (!Regimes.All.Contains(regime))
                {
                    errors.Set($"bases.{regime}", "purpose.regime", ("regimes", Regimes.All));
                }
                else if (basis is null || !LawfulBases.All.Contains(basis.Basis))
                {
                    errors.Set($"bases.{regime}.basis", "purpose.basis", ("bases", LawfulBases.All));
                }
                else if (basis.Basis == LawfulBases.LegitimateInterest && string.IsNullOrWhiteSpace(basis.BalancingTestRef))
                {
                    errors.Set($"bases.{regime}.balancingTestRef", "purpose.balancingTest");
                }
                else if (basis.ValidForDays is not (null or (>= 1 and <= Compliance.RetentionRules.MaxValidForDays)))
                {
                    errors[$"bases.{regime}.validForDays"] = [$"is optional, between 1 and {Compliance.RetentionRules.MaxValidForDays} days after the last contact (R19)"];
                }
            }
        }

        if (input.RetentionDays is not (>= 1 and <= MaxRetentionDays))
        {
            errors.Set("retentionDays", "purpose.retentionDays", ("max", MaxRetentionDays));
        }

        if (input.RetentionPolicy is not null && !Compliance.RetentionPolicies.All.Contains(input.RetentionPolicy))
        {
            errors["retentionPolicy"] = [$"must be one of: {string.Join(", ", Compliance.RetentionPolicies.All)} (R40)"];
        }

        return errors;
    }

    private static void ValidateTexts(Dictionary<string, string>? texts, string field, bool required, RuleErrors errors)
    {
        if (texts is null or { Count: 0 })
        {
            if (required)
            {
                errors.Set(field, "purpose.texts");
            }

            return;
        }

        foreach (var (locale, text) in texts)
        {
            if (!IsValidLocale(locale))
            {
                errors.Set($"{field}.{locale}", "purpose.locale");
            }
            else if (string.IsNullOrWhiteSpace(text) || text.Length > 2000)
            {
                errors.Set($"{field}.{locale}", "purpose.text", ("max", 2000));
            }
        }
    }
}
