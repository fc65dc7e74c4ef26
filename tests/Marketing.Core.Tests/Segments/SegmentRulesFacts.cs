using System.Text.Json;
using Marketing.Common;
using Marketing.Segments;

namespace Marketing.Core.Tests.Segments;

/// <summary>
/// A segment's rules as a table: each row is one definition, as JSON, and the fields its errors point at (none for a
/// valid one), with the code of the first.
/// </summary>
public sealed class SegmentRulesFacts
{
    private const string Consent = """{"type":"consent","purpose":"newsletter","channel":"email","status":"granted"}""";

    [Theory]
    [InlineData("""{"channel":"email","conditions":[CONSENT]}""", "", "")]
    [InlineData("""{"channel":"sms","conditions":[{"type":"activity","activity":"replied","withinDays":30}]}""", "", "")]
    [InlineData("""{"channel":"email","conditions":[{"type":"attribute","key":"city","operator":"contains","value":"Ly"},{"type":"regime","value":"fr-b2b"},{"type":"source","value":"import:"},{"type":"import_batch","batchId":"0195f1a0-0000-7000-8000-000000000001"}]}""", "", "")]
    [InlineData("""{"channel":"fax","conditions":[CONSENT]}""", "channel", "segment.channel")]
    [InlineData("""{"conditions":[CONSENT]}""", "channel", "segment.channel")]
    [InlineData("""{"channel":"email","conditions":[]}""", "conditions", "segment.conditions")]
    [InlineData("""{"channel":"email"}""", "conditions", "segment.conditions")]
    [InlineData("""{"channel":"email","conditions":[null]}""", "conditions[0].type", "segment.type")]
    [InlineData("""{"channel":"email","conditions":[{"type":"colour"}]}""", "conditions[0].type", "segment.type")]
    [InlineData("""{"channel":"email","conditions":[{"type":"attribute","key":"1city","operator":"equals","value":"x"}]}""", "conditions[0].key", "segment.attribute_key")]
    [InlineData("""{"channel":"email","conditions":[{"type":"attribute","key":"a'b","operator":"equals","value":"x"}]}""", "conditions[0].key", "segment.attribute_key")]
    [InlineData("""{"channel":"email","conditions":[{"type":"attribute","key":"city","operator":"like","value":"x"}]}""", "conditions[0].operator", "segment.operator")]
    [InlineData("""{"channel":"email","conditions":[{"type":"attribute","key":"city","operator":"equals"}]}""", "conditions[0].value", "segment.value")]
    [InlineData("""{"channel":"email","conditions":[{"type":"attribute","key":"city","operator":"equals","value":"a\u0000b"}]}""", "conditions[0].value", "text.control")]
    [InlineData("""{"channel":"email","conditions":[{"type":"regime","value":"mars"}]}""", "conditions[0].value", "segment.regime")]
    [InlineData("""{"channel":"email","conditions":[{"type":"consent","purpose":"News Letter","channel":"email","status":"granted"}]}""", "conditions[0].purpose", "segment.purpose")]
    [InlineData("""{"channel":"email","conditions":[{"type":"consent","purpose":"newsletter","channel":"fax","status":"granted"}]}""", "conditions[0].channel", "segment.consent_channel")]
    [InlineData("""{"channel":"email","conditions":[{"type":"consent","purpose":"newsletter","channel":"email","status":"maybe"}]}""", "conditions[0].status", "segment.status")]
    [InlineData("""{"channel":"email","conditions":[{"type":"activity","activity":"visited","withinDays":30}]}""", "conditions[0].activity", "segment.activity")]
    [InlineData("""{"channel":"email","conditions":[{"type":"activity","activity":"clicked","withinDays":0}]}""", "conditions[0].withinDays", "segment.within_days")]
    [InlineData("""{"channel":"email","conditions":[{"type":"activity","activity":"ordered","withinDays":3651}]}""", "conditions[0].withinDays", "segment.within_days")]
    [InlineData("""{"channel":"email","conditions":[{"type":"activity","activity":"submitted"}]}""", "conditions[0].withinDays", "segment.within_days")]
    [InlineData("""{"channel":"email","conditions":[{"type":"source"}]}""", "conditions[0].value", "segment.value")]
    [InlineData("""{"channel":"email","conditions":[{"type":"import_batch"}]}""", "conditions[0].batchId", "segment.batch")]
    [InlineData("""{"channel":"email","conditions":[CONSENT,{"type":"regime"}]}""", "conditions[1].value", "segment.regime")]
    public void ValidateDefinition_NamesTheFieldAtFault(string json, string field, string code)
    {
        var definition = SegmentDefinition.FromJson(json.Replace("CONSENT", Consent, StringComparison.Ordinal));

        var errors = SegmentRules.ValidateDefinition(definition);

        if (field.Length == 0)
        {
            Assert.Empty(errors);
            return;
        }

        Assert.Equal([field], errors.Keys);
        Assert.Equal(code, errors.Problems[field][0].Code);
    }

    [Fact]
    public void ValidateDefinition_RefusesMoreThanTwentyConditions()
    {
        var definition = new SegmentDefinition("email", [.. Enumerable.Repeat(new SegmentCondition("regime", Value: "fr"), 21)]);

        Assert.Equal("segment.conditions", SegmentRules.ValidateDefinition(definition).Problems["conditions"][0].Code);
    }

    [Theory]
    [InlineData("lyon-readers", "Lyon readers", new string[0])]
    [InlineData("Lyon", "Lyon readers", new[] { "key" })]
    [InlineData("l", "Lyon readers", new[] { "key" })]
    [InlineData("lyon", "", new[] { "name" })]
    [InlineData("lyon", null, new[] { "name" })]
    public void Validate_NamesKeyNameAndDefinitionUnderItsPrefix(string key, string? name, string[] fields)
    {
        var errors = SegmentRules.Validate(key, name, SegmentDefinition.FromJson($$"""{"channel":"email","conditions":[{{Consent}}]}"""));

        Assert.Equal(fields, errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_WithoutDefinition_NamesDefinition()
    {
        var errors = SegmentRules.Validate("lyon", "Lyon", null);

        Assert.Equal(["definition"], errors.Keys);
        Assert.Equal("is required: an object with 'channel' and 'conditions'", errors["definition"][0]);
        Assert.Equal("est obligatoire : un objet avec « channel » et « conditions »", errors.Problems["definition"][0].In(RuleTexts.French));
    }

    [Fact]
    public void Definition_WithADuplicateProperty_IsRefusedAsJson() =>
        Assert.Throws<JsonException>(() => SegmentDefinition.FromJson("""{"channel":"email","channel":"sms","conditions":[]}"""));
}
