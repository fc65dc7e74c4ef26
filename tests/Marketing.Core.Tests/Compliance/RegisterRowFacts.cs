using Marketing.Compliance;
using Marketing.Consent;

namespace Marketing.Core.Tests.Compliance;

/// <summary>R42: a register row fills every art. 30 field, or says N/A and why, in English and in French.</summary>
public sealed class RegisterRowFacts
{
    private static readonly Purpose Newsletter = new()
    {
        Key = "newsletter", Names = new() { ["en"] = "Newsletter", ["fr"] = "Lettre d'information" }, Channels = ["email"],
        Bases = new() { ["eu"] = new PurposeBasis("consent") }, RetentionDays = 1095, CreatedAt = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero),
    };

    private static readonly ChannelProcessors SmtpOn = new([new ChannelProcessors.Use("smtp", "relay", "Marketing:Email:Smtp:Processor", true)], false);

    public static TheoryData<string> Languages => ["en", "fr"];

    [Theory]
    [MemberData(nameof(Languages))]
    public void BareConfiguration_FillsEveryField_WithNAndAReasonWhereNothingIsKnown(string language)
    {
        var texts = RegisterTexts.For(language);
        var row = BuildRegister.Row(Newsletter, null, [], null, new BuildRegister.Context(null, null, DpoContact.NotDeclared, ChannelProcessors.None), texts);

        Assert.Empty(row.EmptyFields());
        Assert.Equal(texts.Columns.Count, row.Fields().Count);
        Assert.StartsWith("N/A", row.Controller, StringComparison.Ordinal);
        Assert.StartsWith("N/A", row.Transfers, StringComparison.Ordinal);
        Assert.StartsWith("N/A", row.PersonalData, StringComparison.Ordinal);
        Assert.StartsWith("N/A", row.Dpia, StringComparison.Ordinal);
        Assert.StartsWith("N/A", row.LastReviewed, StringComparison.Ordinal);
        Assert.Equal("eu: consent", row.LegalBasis);
        Assert.Contains("1095", row.Retention, StringComparison.Ordinal);
    }

    [Fact]
    public void ProcessorOfThePurposesChannel_IsARecipient_AndItsTransferIsNamedWithItsGround()
    {
        var relay = TransferRulesFacts.Entry(["IE", "IN"], "scc", "SCC 2021/914 ref 7", false);
        relay.LegalName = "Relay Ltd";
        var row = BuildRegister.Row(Newsletter, null, [Keyed(relay, "relay")], new HashSet<string> { "email", "first_name" },
            new BuildRegister.Context("Acme SAS", "1 rue de l'Exemple, Paris", new DpoContact("Jeanne Martin", "dpo@acme.example", null, null, null), SmtpOn), RegisterTexts.English);

        Assert.Equal("Acme SAS, 1 rue de l'Exemple, Paris", row.Controller);
        Assert.Equal("Jeanne Martin, dpo@acme.example", row.Dpo);
        Assert.Contains("Relay Ltd", row.Recipients, StringComparison.Ordinal);
        Assert.Equal("IN: Relay Ltd, scc (SCC 2021/914 ref 7)", row.Transfers);
        Assert.StartsWith("email, first_name; consent evidence", row.PersonalData, StringComparison.Ordinal);
        Assert.Equal("relay: Relay Ltd", row.Processors);
    }

    [Fact]
    public void ProcessorOfAnotherChannel_IsNoRecipientOfThisPurpose()
    {
        var twilio = Keyed(TransferRulesFacts.Entry(["US"], null, null, true), "twilio");
        var channels = new ChannelProcessors([new ChannelProcessors.Use("twilio", "twilio", "Marketing:Sms:Processor", true)], false);

        var row = BuildRegister.Row(Newsletter, null, [twilio], null, new BuildRegister.Context("Acme", null, DpoContact.NotDeclared, channels), RegisterTexts.French);

        Assert.StartsWith("N/A", row.Processors, StringComparison.Ordinal);
        Assert.StartsWith("N/A : aucun transfert", row.Transfers, StringComparison.Ordinal);
    }

    [Fact]
    public void DposNotDesignatedReason_IsTheDposField()
    {
        var contact = new DpoContact(null, null, null, null, "fewer than 250 people, no large-scale monitoring");

        Assert.Equal("No DPO designated: fewer than 250 people, no large-scale monitoring", contact.Describe("en"));
        Assert.StartsWith("Aucun DPO désigné : fewer", contact.Describe("fr"), StringComparison.Ordinal);
    }

    private static Processor Keyed(Processor p, string key) => new()
    {
        Key = key, LegalName = p.LegalName, Role = p.Role, Service = p.Service, SubProcessorsUrl = p.SubProcessorsUrl, StorageCountries = p.StorageCountries,
        AccessCountries = p.AccessCountries, TransferMechanism = p.TransferMechanism, TransferDocument = p.TransferDocument, DpfCertified = p.DpfCertified,
        DpfVerifiedOn = p.DpfVerifiedOn, DpaDate = p.DpaDate,
    };
}
