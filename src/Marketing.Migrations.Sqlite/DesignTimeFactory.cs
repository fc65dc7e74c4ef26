using Marketing.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Marketing.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model without starting the host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MarketingDbContext>
{
    public MarketingDbContext CreateDbContext(string[] args) =>
        new(DatabaseOptionsExtensions.ForMarketingDatabase(DatabaseProvider.Sqlite, "Data Source=design-time.db"));
}
