using Marketing.Capture;
using Marketing.Common;
using Marketing.Consent;
using Marketing.Nurture;
using Marketing.Templates;

namespace Marketing.Core.Tests.Common;

/// <summary>
/// Every rule code says its problem in English (the API's words) and in French (the pages'), with the same parameters:
/// a code added without its French text, or whose texts name different parameters, fails here.
/// </summary>
public sealed class RuleTextsFacts
{
    public static TheoryData<string> Features => [.. RuleTexts.Tables.Select(t => t.Feature)];

    [Theory]
    [MemberData(nameof(Features))]
    public void EveryCode_HasAFrenchText_WithTheSameParameters(string feature)
    {
        var (_, english, french) = RuleTexts.Tables.Single(t => t.Feature == feature);
        Assert.Empty(english.Keys.Except(french.Keys));
        Assert.Empty(french.Keys.Except(english.Keys));
        foreach (var (code, text) in english)
        {
            Assert.False(string.IsNullOrWhiteSpace(french[code]), code);
            Assert.True(RuleTexts.PlaceholdersOf(text).SetEquals(RuleTexts.PlaceholdersOf(french[code])), code);
        }
    }

    [Fact]
    public void NoCode_BelongsToTwoFeatures() =>
        Assert.Empty(RuleTexts.Tables.SelectMany(t => t.English.Keys).GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key));

    [Fact]
    public void ACodeWithoutText_IsRefused_WhenTheRuleSetsIt() =>
        Assert.Throws<KeyNotFoundException>(() => new RuleErrors().Set("field", "form.no-such-code"));

    public static TheoryData<string, string, string, string, string> Problems => new()
    {
        // what is checked      field                   code                         English                                                      French
        { "form", "minFillSeconds", "form.minFillSeconds", "must be between 0 and 600", "doit être compris entre 0 et 600" },
        { "form", "fields[0].label", "form.field.label", "needs a label in every locale of the form (missing: fr)", "a besoin d’un libellé dans chaque langue du formulaire (manquant : fr)" },
        { "banner", "renewAfterDays", "banner.renewAfterDays", "must be between 1 and 395 (13 months, R27)", "doit être compris entre 1 et 395 (13 mois, R27)" },
        { "sequence", "steps", "sequence.steps.none", "at least one step is required", "il faut au moins une étape" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void ARulesProblem_IsSaidInEitherLanguage_FromItsCode(string what, string field, string code, string english, string french)
    {
        var errors = what switch
        {
            "form" => FormRules.ValidateStructure(new FormDefinition
            {
                Locales = ["en", "fr"], DefaultRegion = "FR", MinFillSeconds = 601,
                Fields = [new FormField { Name = "email", Type = FieldTypes.Email, Label = new() { ["en"] = "Email" } }],
                Success = new FormSuccess { Message = new() { ["en"] = "Thanks" } },
            }, requireEveryLabel: true),
            "banner" => BannerRules.Validate(new BannerDefinition { Locales = ["fr"], RenewAfterDays = 400 }, forPublication: false),
            _ => SequenceRules.Validate(new SequenceDefinition("s", new SequenceTrigger("api", null, null), false, []),
                new SequenceReferences((_, _) => false, new Dictionary<string, Purpose>(), _ => false)),
        };

        Assert.Equal(code, Assert.Single(errors.CodedOf(field)!).Code);
        Assert.Equal([english], errors[field]);
        Assert.Equal([french], errors.In(RuleTexts.French)[field]);
    }

    [Fact]
    public void AFieldReplacedByHand_KeepsItsMessage_InEveryLanguage()
    {
        var errors = new RuleErrors();
        errors.Set("html", "template.required");
        errors["html"] = ["written by hand"];
        Assert.Null(errors.CodedOf("html"));
        Assert.Equal(["written by hand"], errors.In(RuleTexts.French)["html"]);
    }

    [Fact]
    public void PrefixedErrors_KeepTheirCodes() =>
        Assert.Equal("est obligatoire", Assert.Single(NewTemplateErrors().Prefixed("definition.", "definition").In(RuleTexts.French)["definition.subject"]));

    private static RuleErrors NewTemplateErrors()
    {
        var errors = new RuleErrors();
        errors.Set("subject", "template.required");
        return errors;
    }
}
