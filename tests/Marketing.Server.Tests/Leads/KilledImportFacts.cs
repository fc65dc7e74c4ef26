using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Marketing.Server.Tests.Leads;

/// <summary>
/// Issue 18, bad input everywhere: an import either completes its batch or resumes without duplicates after a crash.
/// The engine runs as its own process; an upload of 30,000 rows is killed (SIGKILL, whole process tree) once part of it
/// is committed, the engine is started again on the same database and data directory, and the minutely job takes the
/// dead run's batch over once its lease ran out (two minutes), with no request from anyone.
/// </summary>
public abstract class KilledImportFacts(DatabaseProvider provider, ITestOutputHelper output)
{
    private const int Rows = 30_000;

    [Fact]
    public async Task ImportKilledMidFile_AndTheEngineStartedAgain_CompletesTheBatch_WithEachAddressOnce()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = database.Settings();
        var key = await EngineProcess.CreateAdminKeyAsync(database.Directory, settings);
        var tag = Guid.NewGuid().ToString("N")[..8];
        // Every tenth row repeats the row before it in capitals (merged), every hundredth from the 50th is no address (refused).
        var lines = Enumerable.Range(0, Rows).Select(i => i % 100 == 50 ? "not-an-address" : i % 10 == 9 ? $"P{i - 1}.{tag}@EXAMPLE.com" : $"p{i}.{tag}@example.com");
        var csv = "email\n" + string.Join("\n", lines) + "\n";

        Guid id;
        ImportBatch atKill;
        await using (var first = await EngineProcess.StartAsync(database.Directory, settings))
        {
            using var admin = first.CreateClient(key, TimeSpan.FromSeconds(120));
            using var form = new MultipartFormDataContent
            {
                { new StringContent(JsonSerializer.Serialize(new { sourceOrganisation = "Partner Ltd" })), "batch" },
                { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }, "file", "list.csv" },
            };
            var response = await admin.PostAsync("/api/admin/imports", form);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

            var seen = await Eventually.ReturnsAsync(() => BatchAsync(database, id), b => b.LinesDone > 0, TimeSpan.FromMinutes(3));
            Assert.True(seen.LinesDone > 0 && seen.Status == ImportStatuses.Running, $"never seen mid-file: line {seen.LinesDone}, {seen.Status}");
            await first.KillAsync();
            atKill = await BatchAsync(database, id);
        }

        output.WriteLine($"killed at line {atKill.LinesDone} of {Rows + 1}: {atKill.Created} created, lease held by {atKill.ClaimedBy} until {atKill.ClaimedUntil:O}");
        Assert.Equal(ImportStatuses.Running, atKill.Status);
        Assert.InRange(atKill.LinesDone, 2, Rows);
        // The dead run's lease is still in the row: nothing but its running out hands the batch to another run.
        Assert.NotNull(atKill.ClaimedBy);

        await using var second = await EngineProcess.StartAsync(database.Directory, settings);
        var done = await Eventually.ReturnsAsync(() => BatchAsync(database, id), b => b.Status == ImportStatuses.Completed, TimeSpan.FromMinutes(6));
        output.WriteLine($"after the restart: {done.Status} at line {done.LinesDone}, claimed by {done.ClaimedBy}");

        Assert.Equal((ImportStatuses.Completed, (long)Rows + 1, (long)Rows), (done.Status, done.LinesDone, done.RowsRead));
        Assert.Equal((26_700L, 3_000L, 0L, 300L), (done.Created, done.Merged, done.Suppressed, done.Refused));
        Assert.Null(done.ClaimedBy);
        await using var db = database.OpenContext();
        var emails = await db.People.AsNoTracking().Where(p => p.Source == $"import:{id}").Select(p => p.Email!).ToListAsync();
        Assert.Equal(26_700, emails.Count);
        Assert.Equal(26_700, emails.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains($"p{Rows - 2}.{tag}@example.com", emails);
        Assert.Equal(0, await db.People.CountAsync(p => p.Source != $"import:{id}" && p.Email!.EndsWith($".{tag}@example.com")));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "import.completed" && a.Target == id.ToString()));
        Assert.False(File.Exists(Path.Combine(database.Directory, "data", "imports", $"{id:N}.csv")));
    }

    private static async Task<ImportBatch> BatchAsync(TestDatabase database, Guid id)
    {
        await using var db = database.OpenContext();
        return await db.ImportBatches.AsNoTracking().SingleAsync(b => b.Id == id);
    }
}

public sealed class KilledImportFacts_OnSqlite(ITestOutputHelper output) : KilledImportFacts(DatabaseProvider.Sqlite, output);

public sealed class KilledImportFacts_OnPostgres(ITestOutputHelper output) : KilledImportFacts(DatabaseProvider.Postgres, output);
