using Marketing.Common;
using Marketing.Capture;
using Marketing.Consent;

namespace Marketing.Core.Tests.Capture;

/// <summary>
/// A form's rules as tables: each row changes one thing of a valid form and names the fields the errors point at,
/// when a draft is saved (labels may be missing) and when it is published (every label in every locale).
/// </summary>
public sealed class FormRulesFacts
{
    private static readonly Dictionary<string, string> Labels = new() { ["fr"] = "Votre adresse", ["en"] = "Your address" };

    private static FormDefinition Valid() => new()
    {
        Name = "Newsletter",
        Locales = ["fr", "en"],
        DefaultLocale = "fr",
        DefaultRegion = "FR",
        Fields =
        [
            new FormField { Name = "email", Type = "email", Label = Labels, Required = true },
            new FormField { Name = "first_name", Type = "text", Label = Labels },
        ],
        Success = new FormSuccess { Message = new() { ["fr"] = "Merci", ["en"] = "Thank you" } },
        AllowedOrigins = ["https://www.acme.example"],
        MinFillSeconds = 3,
    };

    private static FormDefinition WithSecondField(FormField field) => Valid() with { Fields = [Valid().Fields![0], field] };

    private static FormField Text(string name = "first_name") => new() { Name = name, Type = "text", Label = Labels };

    public static TheoryData<string, Func<FormDefinition, FormDefinition>, string, string> StructureRows() => new()
    {
        //                                                                                                           draft                  publication
        { "as written", f => f, "", "" },
        // Locales.
        { "no locales", f => f with { Locales = [] }, "defaultLocale,locales", "defaultLocale,locales" },
        { "locales missing", f => f with { Locales = null }, "defaultLocale,locales", "defaultLocale,locales" },
        { "a locale that is none", f => f with { Locales = ["fr", "en", "English"] }, "locales", "fields[0].label,fields[1].label,locales" },
        { "a regional locale", f => f with { Locales = ["fr", "en", "fr-BE"] }, "", "fields[0].label,fields[1].label" },
        { "a default locale not listed", f => f with { DefaultLocale = "de" }, "defaultLocale", "defaultLocale" },
        { "no default locale", f => f with { DefaultLocale = null }, "", "" },
        // The region phone numbers are read in.
        { "no region", f => f with { DefaultRegion = null }, "defaultRegion", "defaultRegion" },
        { "a region in lower case", f => f with { DefaultRegion = "fr" }, "defaultRegion", "defaultRegion" },
        { "a region that is none", f => f with { DefaultRegion = "XX" }, "defaultRegion", "defaultRegion" },
        { "a three-letter region", f => f with { DefaultRegion = "FRA" }, "defaultRegion", "defaultRegion" },
        { "an overseas region", f => f with { DefaultRegion = "GP" }, "", "" },
        // The audience decides the regime (R4).
        { "a business audience", f => f with { Audience = "b2b" }, "", "" },
        { "a consumer audience", f => f with { Audience = "b2c" }, "", "" },
        { "an audience in capitals", f => f with { Audience = "B2B" }, "audience", "audience" },
        { "an empty audience", f => f with { Audience = "" }, "audience", "audience" },
        // Fields.
        { "no fields", f => f with { Fields = [] }, "fields", "fields" },
        { "fields missing", f => f with { Fields = null }, "fields", "fields" },
        { "51 fields", f => f with { Fields = [f.Fields![0], .. Enumerable.Range(1, 50).Select(i => Text($"field_{i}"))] }, "fields", "fields" },
        { "50 fields", f => f with { Fields = [f.Fields![0], .. Enumerable.Range(1, 49).Select(i => Text($"field_{i}"))] }, "", "" },
        { "a name in capitals", f => WithSecondField(Text("FirstName")), "fields[1].name", "fields[1].name" },
        { "a name starting with a digit", f => WithSecondField(Text("1st")), "fields[1].name", "fields[1].name" },
        { "a name with a hyphen", f => WithSecondField(Text("first-name")), "fields[1].name", "fields[1].name" },
        { "a name of 41 characters", f => WithSecondField(Text("a" + new string('b', 40))), "fields[1].name", "fields[1].name" },
        { "a name of 40 characters", f => WithSecondField(Text("a" + new string('b', 39))), "", "" },
        { "no name", f => WithSecondField(Text() with { Name = null }), "fields[1].name", "fields[1].name" },
        { "a name used twice", f => WithSecondField(Text("email")), "fields[1].name", "fields[1].name" },
        { "a type that is none", f => WithSecondField(Text() with { Type = "date" }), "fields[1].type", "fields[1].type" },
        { "no type", f => WithSecondField(Text() with { Type = null }), "fields[1].type", "fields[1].type" },
        { "a select without options", f => WithSecondField(Text() with { Type = "select" }), "fields[1].options", "fields[1].options" },
        { "a select with no options", f => WithSecondField(Text() with { Type = "select", Options = [] }), "fields[1].options", "fields[1].options" },
        { "a select with options", f => WithSecondField(Text() with { Type = "select", Options = ["a", "b"] }), "", "" },
        { "a textarea and a checkbox", f => f with { Fields = [f.Fields![0], Text() with { Type = "textarea" }, Text("agree") with { Type = "checkbox" }] }, "", "" },
        { "a length of 0", f => WithSecondField(Text() with { MaxLength = 0 }), "fields[1].maxLength", "fields[1].maxLength" },
        { "a length of 10001", f => WithSecondField(Text() with { MaxLength = 10_001 }), "fields[1].maxLength", "fields[1].maxLength" },
        { "a length of 1", f => WithSecondField(Text() with { MaxLength = 1 }), "", "" },
        { "a length of 10000", f => WithSecondField(Text() with { MaxLength = 10_000 }), "", "" },
        { "a label in one locale of two", f => WithSecondField(Text() with { Label = new() { ["fr"] = "Prénom" } }), "", "fields[1].label" },
        { "a blank label in one locale", f => WithSecondField(Text() with { Label = new() { ["fr"] = "Prénom", ["en"] = " " } }), "", "fields[1].label" },
        { "a label only in another locale", f => WithSecondField(Text() with { Label = new() { ["de"] = "Vorname" } }), "", "fields[1].label" },
        { "no labels", f => WithSecondField(Text() with { Label = [] }), "fields[1].label", "fields[1].label" },
        { "labels missing", f => WithSecondField(Text() with { Label = null }), "fields[1].label", "fields[1].label" },
        // How the person is identified.
        { "no email and no phone", f => f with { Fields = [Text("name"), Text()] }, "fields", "fields" },
        { "a phone and no email", f => f with { Fields = [Text("phone") with { Type = "phone" }, Text()] }, "", "" },
        { "an email and a phone", f => f with { Fields = [f.Fields![0], Text("phone") with { Type = "phone" }] }, "", "" },
        { "two email fields", f => f with { Fields = [f.Fields![0], Text("email2") with { Type = "email" }] }, "fields", "fields" },
        { "two phone fields", f => f with { Fields = [Text("phone") with { Type = "phone" }, Text("mobile") with { Type = "phone" }] }, "fields", "fields" },
        // What the person sees after submitting.
        { "no success", f => f with { Success = null }, "success", "success" },
        { "a success with no message", f => f with { Success = new FormSuccess { Message = [] } }, "success", "success" },
        { "a redirect instead of a message", f => f with { Success = new FormSuccess { RedirectUrl = "https://www.acme.example/merci" } }, "", "" },
        { "a redirect over http", f => f with { Success = new FormSuccess { RedirectUrl = "http://www.acme.example/merci" } }, "", "" },
        { "a relative redirect", f => f with { Success = new FormSuccess { RedirectUrl = "/merci" } }, "success.redirectUrl", "success.redirectUrl" },
        { "a script redirect", f => f with { Success = new FormSuccess { RedirectUrl = "javascript:alert(1)" } }, "success.redirectUrl", "success.redirectUrl" },
        { "an ftp redirect", f => f with { Success = new FormSuccess { RedirectUrl = "ftp://acme.example/merci" } }, "success.redirectUrl", "success.redirectUrl" },
        // Where it may be embedded.
        { "no origins", f => f with { AllowedOrigins = null }, "", "" },
        { "an origin with a path", f => f with { AllowedOrigins = ["https://www.acme.example/shop"] }, "allowedOrigins[0]", "allowedOrigins[0]" },
        { "a second origin without a scheme", f => f with { AllowedOrigins = ["https://www.acme.example", "acme.example"] }, "allowedOrigins[1]", "allowedOrigins[1]" },
        // The spam defence's minimum time.
        { "a fill time of -1 s", f => f with { MinFillSeconds = -1 }, "minFillSeconds", "minFillSeconds" },
        { "a fill time of 601 s", f => f with { MinFillSeconds = 601 }, "minFillSeconds", "minFillSeconds" },
        { "a fill time of 0 s", f => f with { MinFillSeconds = 0 }, "", "" },
        { "a fill time of 600 s", f => f with { MinFillSeconds = 600 }, "", "" },
        { "no fill time", f => f with { MinFillSeconds = null }, "", "" },
        // The widget's look.
        { "no theme", f => f with { Theme = null }, "", "" },
        { "the auto theme", f => f with { Theme = "auto" }, "", "" },
        { "the dark theme", f => f with { Theme = "dark" }, "", "" },
        { "no theme styles at all", f => f with { Theme = "none" }, "", "" },
        { "a theme that is none of them", f => f with { Theme = "pink" }, "theme", "theme" },
        { "a theme in capitals", f => f with { Theme = "Dark" }, "theme", "theme" },
        // Every problem is named at once.
        { "several problems", f => f with { DefaultRegion = null, Audience = "all", Success = null, MinFillSeconds = 999 }, "audience,defaultRegion,minFillSeconds,success", "audience,defaultRegion,minFillSeconds,success" },
    };

    [Theory]
    [MemberData(nameof(StructureRows))]
    public void ValidateStructure_NamesTheFieldsAtFault(string change, Func<FormDefinition, FormDefinition> apply, string draft, string publication)
    {
        var form = apply(Valid());
        Assert.True(draft == Keys(FormRules.ValidateStructure(form, requireEveryLabel: false)), $"{change}, draft");
        Assert.True(publication == Keys(FormRules.ValidateStructure(form, requireEveryLabel: true)), $"{change}, publication");
    }

    /// <summary>
    /// A box against the registry: <c>newsletter</c> (email; a basis in fr and eu) and <c>offers</c> (email and SMS; fr),
    /// for a form whose regime is <paramref name="regime"/>. The errors at <c>consents[0]</c>, and the channel consented to.
    /// </summary>
    [Theory]
    //          checked purpose       purposes             channel  notice  regime  boxed before   errors                      channel
    [InlineData(false, "newsletter", null, null, "nl", "fr", null, "", "email")]
    [InlineData(true, "newsletter", null, null, "nl", "fr", null, "checked", "email")]
    [InlineData(false, null, null, null, "nl", "fr", null, "purposes", null)]
    [InlineData(false, " ", null, null, "nl", "fr", null, "purposes", null)]
    [InlineData(false, null, "newsletter,offers", null, "nl", "fr", null, "purposes", null)]
    [InlineData(false, "newsletter", "offers", null, "nl", "fr", null, "purposes", null)]
    [InlineData(true, null, "newsletter,offers", null, "nl", "fr", null, "checked,purposes", null)]
    [InlineData(false, "newsletter", "newsletter", null, "nl", "fr", null, "", "email")]
    [InlineData(false, null, "newsletter", null, "nl", "fr", null, "", "email")]
    [InlineData(false, "promotions", null, null, "nl", "fr", null, "purpose", null)]
    [InlineData(false, "offers", null, null, "nl", "fr", null, "channel", null)]
    [InlineData(false, "offers", null, "sms", "nl", "fr", null, "", "sms")]
    [InlineData(false, "offers", null, "email", "nl", "fr", null, "", "email")]
    [InlineData(false, "newsletter", null, "sms", "nl", "fr", null, "channel", "sms")]
    [InlineData(false, "newsletter", null, "email", "nl", "eu", null, "", "email")]
    [InlineData(false, "newsletter", null, null, "nl", "fr-b2b", null, "purpose", "email")]
    [InlineData(false, "newsletter", null, null, "nl", "de", null, "purpose", "email")]
    [InlineData(false, "offers", null, "sms", "nl", "eu", null, "purpose", "sms")]
    [InlineData(false, "newsletter", null, null, "nl", "fr", "newsletter", "purpose", "email")]
    [InlineData(false, "newsletter", null, null, "nl", "fr", "offers", "", "email")]
    [InlineData(false, "newsletter", null, null, null, "fr", null, "notice", "email")]
    [InlineData(true, "offers", null, null, null, "de", "offers", "channel,checked,notice,purpose", null)]
    public void ConsentBoxes_OneUntickedBoxPerPurposeAndChannel_WithABasisAndANotice(bool ticked, string? purpose, string? purposes, string? channel,
        string? notice, string regime, string? boxedBefore, string errors, string? consentsTo)
    {
        var box = new ConsentBox { Checked = ticked, Purpose = purpose, Purposes = purposes?.Split(',').ToList(), Channel = channel, Notice = notice };
        var found = new RuleErrors();
        var boxed = new HashSet<string>(boxedBefore is null ? [] : [boxedBefore]);

        var channelFound = FormRules.CheckConsentBox(box, "consents[0]", found) is { } key
            ? FormRules.CheckConsentPurpose(box, "consents[0]", key, Registry.GetValueOrDefault(key), regime, boxed, found)
            : null;

        Assert.Equal(errors, string.Join(',', found.Keys.Select(k => k["consents[0].".Length..]).Order(StringComparer.Ordinal)));
        Assert.Equal(consentsTo, channelFound);
    }

    [Theory]
    [InlineData("a ticked box", "consents[0].checked", "(R9)")]
    [InlineData("a bundled box", "consents[0].purposes", "(R10)")]
    [InlineData("no basis in the regime", "consents[0].purpose", "(R1)")]
    [InlineData("no notice", "consents[0].notice", "(R11)")]
    [InlineData("no channel named", "consents[0].channel", "(R10)")]
    public void ConsentBoxes_CiteTheRuleTheyBreak(string problem, string key, string rule)
    {
        var box = problem switch
        {
            "a ticked box" => new ConsentBox { Checked = true, Purpose = "newsletter", Notice = "nl" },
            "a bundled box" => new ConsentBox { Purposes = ["newsletter", "offers"], Notice = "nl" },
            "no basis in the regime" => new ConsentBox { Purpose = "newsletter", Notice = "nl" },
            "no notice" => new ConsentBox { Purpose = "newsletter" },
            _ => new ConsentBox { Purpose = "offers", Notice = "nl" },
        };
        var errors = new RuleErrors();

        if (FormRules.CheckConsentBox(box, "consents[0]", errors) is { } purpose)
        {
            FormRules.CheckConsentPurpose(box, "consents[0]", purpose, Registry[purpose], "de", new HashSet<string>(), errors);
        }

        Assert.Contains(rule, Assert.Single(errors[key]), StringComparison.Ordinal);
    }

    /// <summary>R12: a form is published with a privacy notice whose every version has a URL.</summary>
    [Theory]
    [InlineData(null, null, "privacyNotice")]
    [InlineData("privacy", null, "")]
    [InlineData("privacy", "https://acme.example/fr/privacy,https://acme.example/en/privacy", "")]
    [InlineData("privacy", "https://acme.example/fr/privacy, ", "privacyNotice")]
    [InlineData("privacy", ",", "privacyNotice")]
    public void PrivacyNotice_IsRequiredWithAUrlPerLocale(string? key, string? urls, string errors)
    {
        var pinned = urls?.Split(',').Select((url, i) => (Locale: i == 0 ? "fr" : "en", Url: url))
            .ToDictionary(p => p.Locale, p => new PinnedNotice(Guid.Empty, key!, 1, "", "text", p.Url.Length == 0 ? null : p.Url));
        var found = new RuleErrors();

        FormRules.CheckPrivacyNotice(key, pinned, found);

        Assert.Equal(errors, Keys(found));
    }

    [Theory]
    [InlineData("FR", true)]
    [InlineData("GP", true)]
    [InlineData("DE", true)]
    [InlineData("US", true)]
    [InlineData("fr", false)]
    [InlineData("XX", false)]
    [InlineData("FRA", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsKnownRegion_TakesIsoRegionsInCapitals(string? region, bool known) => Assert.Equal(known, FormRules.IsKnownRegion(region));

    private static readonly Dictionary<string, Purpose> Registry = new()
    {
        ["newsletter"] = new Purpose
        {
            Key = "newsletter",
            Channels = ["email"],
            Bases = new() { ["fr"] = new PurposeBasis("consent"), ["eu"] = new PurposeBasis("consent") },
        },
        ["offers"] = new Purpose { Key = "offers", Channels = ["email", "sms"], Bases = new() { ["fr"] = new PurposeBasis("consent") } },
    };

    private static string Keys(Dictionary<string, string[]> errors) => string.Join(',', errors.Keys.Order(StringComparer.Ordinal));
}
