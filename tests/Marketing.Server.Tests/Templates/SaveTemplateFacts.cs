using Marketing.Common;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Templates;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Templates;

/// <summary>
/// Saving a template, called as the API, the web app and the CLI call it: what leaves without marketing consent is
/// an admin's to write (R60), and a French marketing SMS names its sender and says STOP (R58).
/// </summary>
public abstract class SaveTemplateFacts<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : UseCaseDatabase
{
    private static readonly TemplateStore Store = new(Path.Combine(Repository.Root, "templates"));
    private static readonly TemplateRenderer Renderer = new();
    private static readonly SaveTemplate.Caller Marketer = new("key:marketer", ByAdmin: false, SmsSenderName: "Acme");
    private static readonly SaveTemplate.Caller Admin = new("key:ops", ByAdmin: true, SmsSenderName: "Acme");

    [Theory]
    [InlineData("unsubscribe-confirmation", "marketing")]
    [InlineData("layout", null)]
    [InlineData("fresh-key", "transactional")]
    public async Task Marketer_CannotShapeWhatLeavesWithoutConsent_AndNothingIsSaved(string key, string? type)
    {
        var outcome = await SaveAsync(key, "en", new SaveTemplate.Command(type, "Big SALE", "<p>Big SALE -50%</p>", null), Marketer);

        var forbidden = Assert.IsType<Refusal.Forbidden>(outcome.Refusal);
        Assert.Equal("Only an admin key may save this template.", forbidden.Title);
        await using var check = database.OpenContext();
        Assert.False(await check.MessageTemplates.AnyAsync(t => t.Key == key));
    }

    [Fact]
    public async Task Admin_SavesATransactionalTemplate_AndItIsAudited()
    {
        var key = $"order-{Guid.NewGuid():N}"[..20];

        var outcome = await SaveAsync(key, "en", new SaveTemplate.Command("transactional", "Your order", "<p>Order {{ person.first_name }}</p>", null), Admin);

        Assert.Equal(("transactional", "email"), (outcome.Value.MessageType, outcome.Value.Channel));
        await using var check = database.OpenContext();
        Assert.Equal("key:ops", (await check.AuditEntries.SingleAsync(a => a.Action == "template.saved" && a.Target == $"{key}/en")).Actor);
    }

    [Theory]
    [InlineData("Promo -20% chez Acme", "a STOP instruction")]
    [InlineData("Promo -20%. STOP au 36111", "the sender's name 'Acme'")]
    public async Task FrenchMarketingSms_NeedsItsSenderAndStop(string body, string missing)
    {
        var outcome = await SaveAsync($"promo-{Guid.NewGuid():N}"[..20], "fr", new SaveTemplate.Command("marketing", null, null, null, "sms", body), Marketer);

        var error = Assert.Single(Assert.IsType<Refusal.Invalid>(outcome.Refusal).Errors["body"]);
        Assert.EndsWith($"it lacks {missing}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FrenchMarketingSms_WithItsSenderAndStop_IsSaved()
    {
        var outcome = await SaveAsync($"promo-{Guid.NewGuid():N}"[..20], "fr",
            new SaveTemplate.Command("marketing", null, null, null, "sms", "{{ sender.name }} : -20% ce week-end. STOP au 36111"), Marketer);

        Assert.Equal(("sms", "", "{{ sender.name }} : -20% ce week-end. STOP au 36111"), (outcome.Value.Channel, outcome.Value.Html, outcome.Value.Text));
    }

    private async Task<Outcome<MessageTemplate>> SaveAsync(string key, string locale, SaveTemplate.Command command, SaveTemplate.Caller caller)
    {
        await using var db = database.OpenContext();
        return await SaveTemplate.HandleAsync(db, Store, Renderer, database.Clock, key, locale, command, caller, CancellationToken.None);
    }
}

public sealed class SaveTemplateFacts_OnSqlite(SqliteDatabase database) : SaveTemplateFacts<SqliteDatabase>(database);

public sealed class SaveTemplateFacts_OnPostgres(PostgresDatabase database) : SaveTemplateFacts<PostgresDatabase>(database);
