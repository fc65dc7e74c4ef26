using Marketing.Server.Sites.Pages;

namespace Marketing.Server.Tests.Sites;

/// <summary>The designer's mapping of a rule's path (SaveFormDraft, PublishForm) to the input it concerns, and its structural edits.</summary>
public sealed class DesignInputFacts
{
    [Theory]
    [InlineData("definition.locales", "locales")]
    [InlineData("defaultLocale", "locales")]
    [InlineData("definition.defaultRegion", "region")]
    [InlineData("privacyNotice", "privacy")]
    [InlineData("success", "success-en")]
    [InlineData("definition.success.redirectUrl", "redirect")]
    [InlineData("definition.fields", "add-field")]
    [InlineData("definition.fields[1].name", "field-1-name")]
    [InlineData("definition.fields[0].maxLength", "field-0-maxlength")]
    [InlineData("fields[0].label", "field-0-label-fr")]
    [InlineData("fields[1].label", "field-1-label-en")]
    [InlineData("consents[0].checked", "consent-0-purpose")]
    [InlineData("consents[0].purposes", "consent-0-purpose")]
    [InlineData("consents[2].channel", "consent-2-channel")]
    [InlineData("consents[0].notice", "consent-0-notice")]
    [InlineData("definition.allowedOrigins[3]", "origins")]
    [InlineData("definition.minFillSeconds", "minfill")]
    [InlineData("definition.theme", "theme")]
    [InlineData("something.new", "name")]
    public void AProblem_GoesOnTheInputItConcerns(string path, string input)
    {
        var design = new DesignInput
        {
            Locales = "en fr",
            Fields =
            [
                new DesignInput.FieldInput { Name = "email", Label = new() { ["en"] = "Email" } },
                new DesignInput.FieldInput { Name = "company", Label = new() { ["fr"] = "Société" } },
            ],
        };

        Assert.Equal(input, design.InputFor(path));
    }

    [Theory]
    [InlineData("up-field:1", "b a c")]
    [InlineData("down-field:0", "b a c")]
    [InlineData("down-field:2", "a b c")]
    [InlineData("up-field:0", "a b c")]
    [InlineData("remove-field:1", "a c")]
    [InlineData("remove-field:9", "a b c")]
    [InlineData("add-field", "a b c ")]
    [InlineData("up-field:x", "a b c")]
    public void StructuralEdits_ChangeOnlyWhatTheyName(string action, string fields)
    {
        var design = new DesignInput { Fields = [.. "a b c".Split(' ').Select(n => new DesignInput.FieldInput { Name = n })] };

        design.Apply(action);

        Assert.Equal(fields, string.Join(' ', design.Fields.Select(f => f.Name)));
    }

    [Theory]
    [InlineData("ten", -1)]
    [InlineData("", null)]
    [InlineData(" 40 ", 40)]
    [InlineData("-5", -1)]
    public void ANumberThatIsNotOne_IsOutOfTheRulesRange(string typed, int? stored)
    {
        var design = new DesignInput { Locales = "en", Fields = [new DesignInput.FieldInput { Name = "email", MaxLength = typed }] };

        Assert.Equal(stored, design.ToDefinition().Fields![0].MaxLength);
    }

    [Theory]
    [InlineData("dark", "dark")]
    [InlineData(" none ", "none")]
    [InlineData("", null)]
    public void TheThemeChosen_IsTheDrafts_AndReadBack(string chosen, string? stored)
    {
        var design = new DesignInput { Locales = "en", Theme = chosen };

        var definition = design.ToDefinition();

        Assert.Equal(stored, definition.Theme);
        Assert.Equal(stored ?? "auto", DesignInput.From(definition).Theme);
    }
}
