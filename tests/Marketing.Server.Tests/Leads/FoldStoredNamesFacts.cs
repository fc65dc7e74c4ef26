using Marketing.Leads;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Leads;

/// <summary>People stored before the name search existed are found by name once the migration that added it has run.</summary>
public abstract class FoldStoredNamesFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task StoredPeople_GetTheirFoldedName_InBatches_AndTheNamelessStayWithout()
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        Dictionary<string, string>[] attributes =
        [
            [],
            new() { ["first_name"] = "Élodie", ["last_name"] = "Dupont" },
            new() { ["company"] = "Acme" },
            new() { ["name"] = "ZOË  Martin" },
            new() { ["first_name"] = "Hugo" },
        ];
        var people = attributes.Select((a, i) => new Person
        {
            Id = Guid.CreateVersion7(), Email = $"fold{i}.{token}@example.com", Regime = "fr", Source = $"form:fold{token}@1", Attributes = a,
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        }).ToList();
        await app.InScopeAsync(async db =>
        {
            db.People.AddRange(people);
            await db.SaveChangesAsync();
            // As rows written before the column existed: no key.
            await db.People.Where(p => p.Source == $"form:fold{token}@1").ExecuteUpdateAsync(u => u.SetProperty(p => p.NameKey, (string?)null));
        });

        var folded = await app.InScopeAsync(db => FoldStoredNames.HandleAsync(db, CancellationToken.None, batch: 2));

        var keys = app.InScope(db => db.People.Where(p => p.Source == $"form:fold{token}@1").ToDictionary(p => p.Email!, p => p.NameKey));
        Assert.Equal(
            new Dictionary<string, string?>
            {
                [$"fold0.{token}@example.com"] = null, [$"fold1.{token}@example.com"] = "elodie dupont", [$"fold2.{token}@example.com"] = null,
                [$"fold3.{token}@example.com"] = "zoe martin", [$"fold4.{token}@example.com"] = "hugo",
            },
            keys);
        Assert.True(folded >= 3, $"folded {folded}");
    }

    [Theory]
    [InlineData("20261206172405_WebFoundation", true)]
    [InlineData("20261206162051_SecurityGate", false)]
    [InlineData("20270101000000_WebFoundationTwo", false)]
    public void Folding_RunsAfterTheMigrationThatAddedTheColumn_Only(string migration, bool needed) =>
        Assert.Equal(needed, FoldStoredNames.IsNeededAfter([migration]));
}

public sealed class FoldStoredNamesFacts_OnSqlite(SqliteApp app) : FoldStoredNamesFacts<SqliteApp>(app);

public sealed class FoldStoredNamesFacts_OnPostgres(PostgresApp app) : FoldStoredNamesFacts<PostgresApp>(app);
