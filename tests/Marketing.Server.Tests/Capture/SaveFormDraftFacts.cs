using Marketing.Capture;
using Marketing.Common;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Sites;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Capture;

/// <summary>
/// Saving a form's draft without HTTP: its structure is checked now, the law and its references only at publication,
/// and a refused draft changes nothing.
/// </summary>
public abstract class SaveFormDraftFacts<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : UseCaseDatabase
{
    private static readonly FormDefinition Draft = new()
    {
        Locales = ["en", "fr"],
        DefaultRegion = "FR",
        // Labelled in English only: a draft need not be translated yet.
        Fields = [new FormField { Name = "email", Type = FieldTypes.Email, Label = new() { ["en"] = "Email" }, Required = true }],
        Success = new FormSuccess { Message = new() { ["en"] = "Thank you" } },
    };

    [Fact]
    public async Task Save_KeepsAnUntranslatedDraft_ThenSavesOverIt()
    {
        var site = await AddSiteAsync();
        var id = NewId();

        var first = await SaveAsync(id, new SaveFormDraft.Command(site, Draft));
        var again = await SaveAsync(id, new SaveFormDraft.Command(site, Draft with { Name = "Newsletter" }));

        Assert.Equal((true, false), (first.Value.Created, again.Value.Created));
        await using var check = database.OpenContext();
        var stored = await check.Forms.SingleAsync(f => f.Id == id);
        Assert.Equal(("Newsletter", 0), (stored.Draft.Name, stored.LatestVersion));
        Assert.Equal(["form.created", "form.draft_saved"], await check.AuditEntries.Where(a => a.Target == id).OrderBy(a => a.At).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task Save_NamesEachFieldAtFault_AndStoresNothing()
    {
        var id = NewId();

        var outcome = await SaveAsync(id, new SaveFormDraft.Command("no-such-site", new FormDefinition()));

        var invalid = Assert.IsType<Refusal.Invalid>(outcome.Refusal);
        Assert.Equal(["definition.defaultRegion", "definition.fields", "definition.locales", "definition.success", "siteId"],
            invalid.Errors.Keys.Order(StringComparer.Ordinal));
        await using var check = database.OpenContext();
        Assert.False(await check.Forms.AnyAsync(f => f.Id == id));
        Assert.False(await check.AuditEntries.AnyAsync(a => a.Target == id));
    }

    [Fact]
    public async Task Save_RefusedOverAnExistingDraft_LeavesItAsItWas()
    {
        var site = await AddSiteAsync();
        var id = NewId();
        await SaveAsync(id, new SaveFormDraft.Command(site, Draft with { Name = "Kept" }));

        var outcome = await SaveAsync(id, new SaveFormDraft.Command(site, Draft with { Name = "Lost", MinFillSeconds = 601 }));

        Assert.Equal(["definition.minFillSeconds"], Assert.IsType<Refusal.Invalid>(outcome.Refusal).Errors.Keys);
        await using var check = database.OpenContext();
        Assert.Equal("Kept", (await check.Forms.SingleAsync(f => f.Id == id)).Draft.Name);
    }

    [Fact]
    public async Task Save_RequiresTheDefinition_AndAnIdOfLowercaseLettersDigitsAndHyphens()
    {
        var site = await AddSiteAsync();

        var outcome = await SaveAsync("Newsletter Form", new SaveFormDraft.Command(site, null));

        Assert.Equal(["definition", "id"], Assert.IsType<Refusal.Invalid>(outcome.Refusal).Errors.Keys.Order(StringComparer.Ordinal));
    }

    private static string NewId() => $"form-{Guid.NewGuid():N}"[..20];

    private async Task<string> AddSiteAsync()
    {
        var id = $"site-{Guid.NewGuid():N}"[..20];
        await using var db = database.OpenContext();
        await SaveSite.HandleAsync(db, database.Clock, id, new SaveSite.Command("Shop", ["https://shop.example.com"]), "key:ops", CancellationToken.None);
        return id;
    }

    private async Task<Outcome<SaveFormDraft.Saved>> SaveAsync(string id, SaveFormDraft.Command command)
    {
        await using var db = database.OpenContext();
        return await SaveFormDraft.HandleAsync(db, database.Clock, id, command, "key:marketing", CancellationToken.None);
    }
}

public sealed class SaveFormDraftFacts_OnSqlite(SqliteDatabase database) : SaveFormDraftFacts<SqliteDatabase>(database);

public sealed class SaveFormDraftFacts_OnPostgres(PostgresDatabase database) : SaveFormDraftFacts<PostgresDatabase>(database);
