using Marketing.Leads;

namespace Marketing.Core.Tests.Leads;

public sealed class PersonNamesFacts
{
    [Theory]
    [InlineData("Élodie", "Dupont", "elodie dupont")]
    [InlineData("  JOSÉ ", "Müller", "jose muller")]
    [InlineData("Łukasz", "Żółć", "lukasz zolc")]
    [InlineData("Æsa", "Strauß", "aesa strauss")]
    [InlineData("François-Xavier", "de  la   Tour", "francois-xavier de la tour")]
    [InlineData("Ana", null, "ana")]
    [InlineData(null, "Çelik", "celik")]
    public void Key_FoldsFirstAndLastName_ForASearchByTheirBeginning(string? first, string? last, string expected)
    {
        var attributes = new Dictionary<string, string>();
        if (first is not null)
        {
            attributes["first_name"] = first;
        }

        if (last is not null)
        {
            attributes["last_name"] = last;
        }

        Assert.Equal(expected, PersonNames.Key(attributes));
    }

    [Fact]
    public void Key_TakesName_WhenThereIsNoFirstOrLastName_AndIsNullWithoutAny()
    {
        Assert.Equal("acme gmbh", PersonNames.Key(new Dictionary<string, string> { ["name"] = "ACME GmbH" }));
        Assert.Null(PersonNames.Key(new Dictionary<string, string> { ["plan"] = "pro" }));
        Assert.Null(PersonNames.Key(new Dictionary<string, string> { ["first_name"] = "   " }));
    }

    [Fact]
    public void SettingAttributes_SetsTheNameKey()
    {
        var person = new Person { Regime = "fr", Source = "test", Attributes = new() { ["first_name"] = "Renée" } };

        person.Attributes = new Dictionary<string, string>(person.Attributes) { ["last_name"] = "Ørsted" };

        Assert.Equal("renee orsted", person.NameKey);
    }
}
