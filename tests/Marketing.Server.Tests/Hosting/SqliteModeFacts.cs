using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Hosting;

public sealed class SqliteModeFacts(SqliteApp app) : IClassFixture<SqliteApp>
{
    /// <summary>Dispatch passes, jobs and requests write at once: in write-ahead logging none waits for a reader.</summary>
    [Fact]
    public void TheEmbeddedDatabase_RunsWithWriteAheadLogging()
    {
        var mode = app.InScope(db => db.Database.SqlQueryRaw<string>("SELECT journal_mode AS \"Value\" FROM pragma_journal_mode").ToList().Single());

        Assert.Equal("wal", mode);
    }
}
