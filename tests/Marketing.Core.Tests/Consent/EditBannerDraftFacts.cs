using Marketing.Consent;

namespace Marketing.Core.Tests.Consent;

/// <summary>The designer's edits of a draft: entries named by key, so that a stale page never changes a neighbour.</summary>
public sealed class EditBannerDraftFacts
{
    private static readonly BannerDefinition Draft = new()
    {
        Locales = ["en"],
        Categories = [new BannerCategory { Key = "necessary", Required = true }, new BannerCategory { Key = "analytics" }, new BannerCategory { Key = "ads" }],
        Services = [new BannerService { Key = "matomo", Category = "analytics" }, new BannerService { Key = "adnet", Category = "ads" }],
    };

    [Theory]
    [InlineData("analytics", EditBannerDraft.Move.Up, "analytics necessary ads")]
    [InlineData("analytics", EditBannerDraft.Move.Down, "necessary ads analytics")]
    [InlineData("necessary", EditBannerDraft.Move.Up, "necessary analytics ads")]
    [InlineData("ads", EditBannerDraft.Move.Down, "necessary analytics ads")]
    [InlineData("gone", EditBannerDraft.Move.Up, "necessary analytics ads")]
    public void MoveCategory_SwapsWithItsNeighbour_AndNothingAtTheEnds(string key, EditBannerDraft.Move move, string order) =>
        Assert.Equal(order, string.Join(' ', EditBannerDraft.MoveCategory(Draft, key, move).Categories!.Select(c => c.Key)));

    [Theory]
    [InlineData("analytics", "necessary ads", "adnet")]
    [InlineData("ads", "necessary analytics", "matomo")]
    [InlineData("gone", "necessary analytics ads", "matomo adnet")]
    public void RemoveCategory_TakesItsServicesWithIt(string key, string categories, string services)
    {
        var edited = EditBannerDraft.RemoveCategory(Draft, key);

        Assert.Equal(categories, string.Join(' ', edited.Categories!.Select(c => c.Key)));
        Assert.Equal(services, string.Join(' ', edited.Services!.Select(s => s.Key)));
    }

    [Theory]
    [InlineData("analytics", "audience", "necessary audience ads", "audience ads")]
    [InlineData(null, "video", "necessary analytics ads video", "analytics ads")]
    [InlineData("gone", "video", "necessary analytics ads", "analytics ads")]
    public void SaveCategory_ReplacesByItsOriginalKey_OrAddsOne_AndARenameFollowsIntoItsServices(string? original, string key, string categories, string serviceCategories)
    {
        var edited = EditBannerDraft.SaveCategory(Draft, original, new BannerCategory { Key = key });

        Assert.Equal(categories, string.Join(' ', edited.Categories!.Select(c => c.Key)));
        Assert.Equal(serviceCategories, string.Join(' ', edited.Services!.Select(s => s.Category)));
        Assert.Equal(3, Draft.Categories!.Count);
    }

    [Fact]
    public void SaveTexts_KeepsTheGivenWords_AndDropsTheLocaleWhenNoneIsGiven()
    {
        var given = EditBannerDraft.SaveTexts(Draft, "fr", new Dictionary<string, string?> { ["title"] = " Des cookies ", ["body"] = "  " });
        var cleared = EditBannerDraft.SaveTexts(given, "fr", new Dictionary<string, string?> { ["title"] = "" });

        Assert.Equal(new Dictionary<string, string> { ["title"] = "Des cookies" }, given.Texts!["fr"]);
        Assert.False(cleared.Texts!.ContainsKey("fr"));
    }

    [Fact]
    public void Preview_OfAnUnfinishedDraft_FillsWhatPublicationWouldRefuse_WithVisibleStandIns()
    {
        var draft = Draft with { Locales = ["en", "nl"], Services = [new BannerService { Key = "matomo", Category = "analytics", Cookies = [new BannerCookie { Name = "_pk_id*" }] }] };

        var preview = PreviewBanner.Of("shop", draft);

        Assert.Equal("analytics", preview.Categories[1].Names["nl"]);
        Assert.Equal("?", preview.Services[0].Provider);
        Assert.Equal(0, preview.Services[0].Cookies[0].LifetimeDays);
        Assert.Equal("title", preview.Texts["nl"]["title"]);
        Assert.Equal("We use cookies", preview.Texts["en"]["title"]);
    }
}
