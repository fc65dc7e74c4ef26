using Marketing.Server.Hosting;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Hosting;

public abstract class DataProtectionFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public void KeyRing_IsKeptInTheDatabase_SoThatEveryNodeCanReadIt()
    {
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");

        var protectedText = protector.Protect("shared between nodes");

        var stored = app.InScope(db => db.DataProtectionKeys.ToList());
        var key = Assert.Single(stored);
        Assert.Contains("<key ", key.Xml, StringComparison.Ordinal);
        var otherNode = new DatabaseXmlRepository(app.Services.GetRequiredService<IServiceScopeFactory>(),
            app.Services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<DatabaseXmlRepository>>());
        Assert.Single(otherNode.GetAllElements());
        Assert.Equal("shared between nodes", protector.Unprotect(protectedText));
    }
}

public sealed class DataProtectionFacts_OnSqlite(SqliteApp app) : DataProtectionFacts<SqliteApp>(app);

public sealed class DataProtectionFacts_OnPostgres(PostgresApp app) : DataProtectionFacts<PostgresApp>(app);
