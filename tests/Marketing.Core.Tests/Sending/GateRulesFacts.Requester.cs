namespace Marketing.Core.Tests.Sending;

/// <summary>The requester of a data-subject request is no lead: mail about their request, and nothing else, may reach them (R36, R60).</summary>
public sealed partial class GateRulesFacts
{
    private const string RequestMailOnly = "blocked:requester_gets_request_mail_only";

    [Theory]
    [InlineData("transactional", "request:dsr-0190a1b2", ByReference)]
    [InlineData("transactional", "order:1234", RequestMailOnly)]
    [InlineData("transactional", "account:reset", RequestMailOnly)]
    [InlineData("transactional", null, RequestMailOnly)]
    [InlineData("marketing", "request:dsr-0190a1b2", RequestMailOnly)]
    [InlineData("doi", "request:dsr-0190a1b2", RequestMailOnly)]
    public void Requester_ReceivesMailAboutTheirRequestOnly(string messageType, string? reference, string expected)
    {
        var message = new global::Marketing.Sending.GateInputs
        {
            Channel = "email",
            MessageType = messageType,
            Reference = reference,
            Recipient = global::Marketing.Sending.SendRecipients.Requester,
            Person = Person("requester"),
        };

        Assert.Equal(expected, Outcome(message));
    }
}
