using Marketing.Webhooks;

namespace Marketing.Core.Tests.Webhooks;

/// <summary>What an endpoint may subscribe to: known types, at least one, each once, in the list's order.</summary>
public sealed class WebhookEventTypesFacts
{
    [Theory]
    [InlineData("consent.granted", "consent.granted")]
    [InlineData("dsr.completed,consent.granted", "consent.granted,dsr.completed")]
    [InlineData(" consent.withdrawn ,consent.withdrawn", "consent.withdrawn")]
    [InlineData("send.outcome,lead.captured,person.erased,suppression.added", "suppression.added,person.erased,lead.captured,send.outcome")]
    [InlineData("", null)]
    [InlineData("consent.granted,person.renamed", null)]
    [InlineData("Consent.Granted", null)]
    [InlineData("consent.granted,", null)]
    [InlineData("*", null)]
    public void Parse_KeepsKnownTypesInOrderOnce_AndRefusesNoneOrAnUnknownOne(string asked, string? expected)
    {
        var types = WebhookEventTypes.Parse(asked.Length == 0 ? [] : asked.Split(','));

        Assert.Equal(expected, types is null ? null : string.Join(',', types));
    }

    [Fact]
    public void Parse_RefusesNoList() => Assert.Null(WebhookEventTypes.Parse(null));
}
