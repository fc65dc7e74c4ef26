using Marketing.Capture;
using Marketing.Common;
using Marketing.Consent;
using Marketing.Leads;
using Marketing.Suppression;
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

    public static TheoryData<string, string, string, string, string> MoreProblems => new()
    {
        // case                 field                      code                        English                                                            French
        { "purpose.key", "key", "purpose.key", "must be 2 to 64 lowercase letters, digits or underscores, starting with a letter", "doit faire 2 à 64 lettres minuscules, chiffres ou tirets bas, et commencer par une lettre" },
        { "purpose.channel", "channels[0]", "purpose.channel", "must be one of: email, sms, phone, postal, ad-audience, web-tracking", "doit être l’un de : email, sms, phone, postal, ad-audience, web-tracking" },
        { "purpose.balancing", "bases.eu.balancingTestRef", "purpose.balancingTest", "legitimate interest needs a reference to its balancing test (R1)", "l’intérêt légitime a besoin de la référence de sa mise en balance (R1)" },
        { "purpose.retention", "retentionDays", "purpose.retentionDays", "is required, between 1 and 3650", "est obligatoire, entre 1 et 3650" },
        { "purpose.names", "names", "purpose.texts", "give at least one locale, e.g. {\"en\": \"Newsletter\"}", "donnez au moins une langue, par exemple {\"fr\": \"Lettre d’information\"}" },
        { "person.timeZone", "timeZone", "person.timeZone", "is not an IANA time zone such as Europe/Paris", "n’est pas un fuseau horaire IANA tel que Europe/Paris" },
        { "person.locale", "locale", "person.locale", "is not a locale such as en or fr-FR", "n’est pas une langue telle que fr ou en-GB" },
        { "person.country", "country", "person.country", "is not an ISO 3166 country code such as FR", "n’est pas un code pays ISO 3166 tel que FR" },
        { "person.name", "attributes.Job Title", "person.attribute.name", "names an attribute with lowercase letters, digits and '_', at most 64", "nomme un attribut avec des lettres minuscules, des chiffres et « _ », 64 au plus" },
        { "person.length", "attributes.role", "person.attribute.length", "must be at most 500 characters", "doit faire au plus 500 caractères" },
        { "person.control", "attributes.role", "text.control", "holds a control character (U+0007)", "contient un caractère de contrôle (U+0007)" },
        { "person.oneLine", "attributes.role", "text.oneLine", "must be on one line", "doit tenir sur une ligne" },
        { "suppression.address", "address", "suppression.address", "must be an email address or a phone number (international, or national with 'region')", "doit être une adresse e-mail ou un numéro de téléphone (international, ou national avec « region »)" },
        { "suppression.channel", "channel", "suppression.channel", "must be email, sms or *", "doit être email, sms ou *" },
        { "suppression.scope", "scope", "suppression.scope", "must be a purpose key or *", "doit être la clé d’une finalité ou *" },
        { "suppression.objection", "reason", "suppression.objection", "an objection is recorded on the person (POST /api/admin/people/{id}/objections), not as a bare suppression", "une opposition s’enregistre sur la personne (POST /api/admin/people/{id}/objections), pas comme une simple exclusion" },
    };

    [Theory]
    [MemberData(nameof(MoreProblems))]
    public void PurposePersonAndSuppressionProblems_AreSaidInEitherLanguage_FromTheirCodes(string @case, string field, string code, string english, string french)
    {
        var errors = @case switch
        {
            "purpose.key" => Purpose("Bad Key", channels: ["email"]),
            "purpose.channel" => Purpose("news", channels: ["fax"]),
            "purpose.balancing" => Purpose("news", channels: ["email"], basis: new PurposeBasis(LawfulBases.LegitimateInterest)),
            "purpose.retention" => Purpose("news", channels: ["email"], retention: 0),
            "purpose.names" => PurposeRules.Validate("news", new PurposeInput(null, null, ["email"], new() { ["eu"] = new PurposeBasis(LawfulBases.Consent) }, 30)),
            "person.timeZone" => CorrectPerson.Check(new CorrectPerson.Command("Mars/Olympus", null, null)),
            "person.locale" => CorrectPerson.Check(new CorrectPerson.Command(null, "français", null)),
            "person.country" => CorrectPerson.Check(new CorrectPerson.Command(null, null, "XX")),
            "person.name" => Attribute("Job Title", "CEO"),
            "person.length" => Attribute("role", new string('a', 501)),
            "person.control" => Attribute("role", "ring\u0007"),
            "person.oneLine" => Attribute("role", "two\nlines"),
            "suppression.address" => Suppression(new AddSuppression.Command("not an address", null, null, null, null)),
            "suppression.channel" => Suppression(new AddSuppression.Command("a@example.com", "fax", null, null, null)),
            "suppression.scope" => Suppression(new AddSuppression.Command("a@example.com", null, "Not A Key", null, null)),
            _ => Suppression(new AddSuppression.Command("a@example.com", null, null, SuppressionReasons.Objection, null)),
        };

        Assert.Equal(code, Assert.Single(errors.CodedOf(field)!).Code);
        Assert.Equal([english], errors[field]);
        Assert.Equal([french], errors.In(RuleTexts.French)[field]);
    }

    private static RuleErrors Purpose(string key, List<string> channels, PurposeBasis? basis = null, int retention = 30) =>
        PurposeRules.Validate(key, new PurposeInput(new() { ["en"] = "News" }, null, channels, new() { ["eu"] = basis ?? new PurposeBasis(LawfulBases.Consent) }, retention));

    private static RuleErrors Attribute(string name, string value) =>
        CorrectPerson.Check(new CorrectPerson.Command(null, null, null, null, new() { [name] = value }));

    private static RuleErrors Suppression(AddSuppression.Command command)
    {
        var errors = new RuleErrors();
        AddSuppression.Check(command, new AddressHasher(new string('k', 32)), errors);
        return errors;
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
