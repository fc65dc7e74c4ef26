using Marketing.Consent;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Sites;

namespace Marketing.Server.Tests.Web;

/// <summary>Sites for the banner designer's tests, each its own, so that tests share one database.</summary>
public static class BannerPagesData
{
    public static async Task<string> SiteAsync(MarketingApp app)
    {
        var id = $"shop-{Guid.NewGuid():N}"[..16];
        await app.InScopeAsync(db => SaveSite.HandleAsync(db, TimeProvider.System, id, new SaveSite.Command("Shop", ["https://shop.example.com"]), "test", CancellationToken.None));
        return id;
    }

    /// <summary>A site whose draft has a necessary and an analytics category, one service with a cookie, in en and fr, ready to publish.</summary>
    public static async Task<string> SiteWithDraftAsync(MarketingApp app)
    {
        var id = await SiteAsync(app);
        var draft = new BannerDefinition
        {
            Locales = ["en", "fr"],
            Categories =
            [
                new BannerCategory { Key = "necessary", Required = true, Names = new() { ["en"] = "Necessary", ["fr"] = "Nécessaires" }, Descriptions = new() { ["en"] = "Makes the site work", ["fr"] = "Font marcher le site" } },
                new BannerCategory { Key = "analytics", Names = new() { ["en"] = "Audience", ["fr"] = "Audience" }, Descriptions = new() { ["en"] = "Counts visits", ["fr"] = "Compte les visites" } },
            ],
            Services =
            [
                new BannerService { Key = "matomo", Name = "Matomo", Category = "analytics", Provider = "Acme SAS", Purposes = new() { ["en"] = "Counts visits", ["fr"] = "Compte les visites" }, Cookies = [new BannerCookie { Name = "_pk_id*", LifetimeDays = 395 }] },
            ],
        };
        var saved = await app.InScopeAsync(db => SaveBannerDraft.HandleAsync(db, TimeProvider.System, id, draft, "test", CancellationToken.None));
        Assert.Null(saved.Refusal);
        return id;
    }
}
