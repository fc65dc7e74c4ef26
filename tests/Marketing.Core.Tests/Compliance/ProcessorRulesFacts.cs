using Marketing.Compliance;

namespace Marketing.Core.Tests.Compliance;

/// <summary>R43: a processor entry is complete or refused, naming each field at fault.</summary>
public sealed class ProcessorRulesFacts
{
    private static ProcessorInput Complete() => new("Twilio Ireland Limited", "processor", "SMS delivery", ["phone number", "message text"], ["IE"], ["IE", "US"],
        "scc", "SCC 2021/914 signed 2025-03-01", new DateOnly(2025, 3, 1), "DPA-2025-7", "https://www.twilio.com/legal/sub-processors", false, null);

    [Fact]
    public void CompleteEntry_HasNoProblem() => Assert.Empty(ProcessorRules.Validate("twilio", Complete()));

    [Theory]
    [InlineData("key", "Twilio")]
    [InlineData("legalName", null)]
    [InlineData("role", "vendor")]
    [InlineData("service", "")]
    [InlineData("dataCategories", "none")]
    [InlineData("storageCountries", "none")]
    [InlineData("storageCountries[0]", "France")]
    [InlineData("accessCountries[1]", "us")]
    [InlineData("transferMechanism", "contract")]
    [InlineData("transferDocument", "scc-without-document")]
    [InlineData("dpfCertified", "dpf-without-certification")]
    [InlineData("dpaDate", null)]
    [InlineData("subProcessorsUrl", "ftp://example.org/list")]
    [InlineData("dpfVerifiedOn", "certified-without-date")]
    public void IncompleteEntry_IsRefused_NamingTheField(string field, string? value)
    {
        var input = Complete();
        var key = "twilio";
        input = field switch
        {
            "key" => input,
            "legalName" => input with { LegalName = value },
            "role" => input with { Role = value },
            "service" => input with { Service = value },
            "dataCategories" => input with { DataCategories = [] },
            "storageCountries" => input with { StorageCountries = null },
            "storageCountries[0]" => input with { StorageCountries = [value!] },
            "accessCountries[1]" => input with { AccessCountries = ["IE", value!] },
            "transferMechanism" => input with { TransferMechanism = value },
            "transferDocument" => input with { TransferDocument = null },
            "dpfCertified" => input with { TransferMechanism = "dpf", DpfCertified = false },
            "dpaDate" => input with { DpaDate = null },
            "subProcessorsUrl" => input with { SubProcessorsUrl = value },
            "dpfVerifiedOn" => input with { DpfCertified = true, DpfVerifiedOn = null },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        if (field == "key")
        {
            key = value!;
        }

        var errors = ProcessorRules.Validate(key, input);

        Assert.Equal([field], errors.Keys);
    }
}
