using System.Text;
using Marketing.Common;
using Marketing.Consent;
using Marketing.Leads;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Leads;

/// <summary>
/// Contact imports with provenance (R51, R33, R34, R52): each line counted once as created, merged, suppressed or
/// refused with its number; suppressed addresses never come back; a batch without consent proof grants nothing; a crash
/// mid-file resumes from the checkpoint without duplicates; one run at a time holds a batch, and a lapsed lease is taken over.
/// </summary>
public abstract class ImportContactsFacts<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : UseCaseDatabase
{
    [Fact]
    public async Task Import_CountsEachLine_NeverRevivesASuppressedAddress_AndMergesDuplicates()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var stored = await database.AddPersonAsync();
        var storedEmail = await InScopeAsync(db => db.People.Where(p => p.Id == stored).Select(p => p.Email!).SingleAsync());
        await InScopeAsync(async db =>
        {
            db.Suppressions.Add(Suppression($"gone.{tag}@example.com", "unsubscribe"));
            db.Suppressions.Add(Suppression($"erased.{tag}@example.com", "erasure"));
            await db.SaveChangesAsync();
            return 0;
        });
        var csv = $"""
            email,phone,country,first_name
            new.{tag}@example.com,,FR,Ana
            GONE.{tag}@Example.COM,,FR,Bea
            {storedEmail.ToUpperInvariant()},,,Cid
            new.{tag}@example.com,,FR,Ana again
            not-an-address,,FR,Dee
            "erased.{tag}@example.com",,,Eve
            ,,FR,Fay
            other.{tag}@example.com,,ZZZ,Gus
            """;

        var batch = await ImportAsync(new ImportContacts.Meta("Partner Ltd"), csv);

        Assert.Equal((ImportStatuses.Completed, 8L, 1L, 2L, 2L, 3L), (batch.Status, batch.RowsRead, batch.Created, batch.Merged, batch.Suppressed, batch.Refused));
        Assert.Equal(new[] { (6L, "email"), (8L, "email"), (9L, "country") }, batch.RefusedLines.Select(r => (r.Line, r.Field)));
        Assert.False(batch.HasConsentProof);
        var imported = await InScopeAsync(db => db.People.AsNoTracking().Where(p => p.Source == $"import:{batch.Id}").ToListAsync());
        var person = Assert.Single(imported);
        Assert.Equal(($"new.{tag}@example.com", "fr", "Ana", (DateTimeOffset?)null), (person.Email, person.Regime, person.Attributes["first_name"], person.Art14InformedAt));
        Assert.NotNull(person.CollectedIndirectlyAt);
        // R51: no consent proof, no basis.
        Assert.Equal(0, await InScopeAsync(db => db.ConsentEvents.CountAsync(e => e.PersonId == person.Id)));
        Assert.Equal(0, await InScopeAsync(db => db.People.CountAsync(p => p.Email == $"gone.{tag}@example.com" || p.Email == $"erased.{tag}@example.com")));
    }

    [Fact]
    public async Task Import_WithConsentProof_GrantsTheCoveredPurposes_ThroughTheLedger()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var purpose = await AddPurposeAsync($"offers_{tag}");
        var meta = new ImportContacts.Meta("Partner Ltd", "C-2026-14", CollectedTo: new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero),
            CollectionUrls: ["https://partner.example/jeu"], ConsentWording: "Oui, Partner Ltd et ses partenaires (Acme SAS) peuvent m'écrire.",
            PartnersShown: ["Acme SAS"], Channels: ["email"], Purposes: [purpose], ProofLocation: "sftp://partner.example/proofs/");

        var batch = await ImportAsync(meta, $"email\na.{tag}@example.com\nb.{tag}@example.com\n");

        Assert.True(batch.HasConsentProof);
        Assert.Equal(2L, batch.Created);
        var events = await InScopeAsync(db => db.ConsentEvents.AsNoTracking().Where(e => e.PurposeKey == purpose).ToListAsync());
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(("granted", "api_import", "Partner Ltd", 1L), (e.Status, e.Method, e.Source, e.Sequence)));
        Assert.All(events, e => Assert.Null(LedgerHash.Check(e)));
        Assert.All(events, e => Assert.Equal(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), e.OccurredAt));
    }

    [Fact]
    public async Task Import_CrashedMidFile_ResumesFromItsCheckpoint_WithoutDuplicates()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var lines = Enumerable.Range(0, ImportContacts.ChunkSize * 2 + 500).Select(i => $"p{i}.{tag}@example.com");
        var csv = "email\n" + string.Join("\n", lines) + "\n";
        Guid id;
        await using (var db = database.OpenContext())
        {
            id = (await ImportContacts.StartAsync(db, database.Clock, new ImportContacts.Meta("Partner Ltd"), "key:crm", CancellationToken.None)).Value.Id;
        }

        // The process dies after the first chunk committed, while the second is being read.
        await using (var db = database.OpenContext())
        {
            await using var crashing = new CrashingStream(Encoding.UTF8.GetBytes(csv), crashAfterBytes: csv.Length * 6 / 10);
            await Assert.ThrowsAnyAsync<Exception>(() => ImportContacts.RunAsync(db, database.Hasher, database.Clock, id, crashing, null, CancellationToken.None));
        }

        var afterCrash = await InScopeAsync(db => db.ImportBatches.AsNoTracking().SingleAsync(b => b.Id == id));
        ImportBatch resumed;
        await using (var db = database.OpenContext())
        {
            resumed = (await ImportContacts.RunAsync(db, database.Hasher, database.Clock, id, new MemoryStream(Encoding.UTF8.GetBytes(csv)), null, CancellationToken.None)).Value;
        }

        Assert.Equal((ImportStatuses.Running, 1001L, 1000L), (afterCrash.Status, afterCrash.LinesDone, afterCrash.Created));
        Assert.Equal((ImportStatuses.Completed, 2500L, 2500L, 0L), (resumed.Status, resumed.RowsRead, resumed.Created, resumed.Merged));
        Assert.Equal(2500, await InScopeAsync(db => db.People.CountAsync(p => p.Source == $"import:{id}")));
    }

    [Fact]
    public async Task Run_WhileAnotherRunHoldsTheBatch_IsRefused_AndEachLineIsReadOnce()
    {
        var (id, csv) = await StartBatchAsync();
        await using var first = database.OpenContext();
        await using var paused = new PausingStream(Encoding.UTF8.GetBytes(csv), pauseAfterBytes: csv.Length * 6 / 10);
        var running = ImportContacts.RunAsync(first, database.Hasher, database.Clock, id, paused, null, CancellationToken.None);
        await Task.WhenAny(paused.Paused, running);
        Assert.True(paused.Paused.IsCompleted, "the first run ended before it reached the pause");

        Outcome<ImportBatch> second;
        await using (var db = database.OpenContext())
        {
            second = await ImportContacts.RunAsync(db, database.Hasher, database.Clock, id, new MemoryStream(Encoding.UTF8.GetBytes(csv)), null, CancellationToken.None);
        }

        var whileHeld = await InScopeAsync(db => db.People.CountAsync(p => p.Source == $"import:{id}"));
        paused.Resume();
        var done = (await running).Value;

        Assert.IsType<Refusal.Conflict>(second.Refusal);
        Assert.Equal(1000, whileHeld);
        Assert.Equal((ImportStatuses.Completed, 2500L, 2500L, 0L, null), (done.Status, done.RowsRead, done.Created, done.Merged, done.ClaimedBy));
        Assert.Equal(2500, await InScopeAsync(db => db.People.CountAsync(p => p.Source == $"import:{id}")));
    }

    [Fact]
    public async Task Run_TakesOverABatchWhoseLeaseRanOut_AndTheStalledRunCommitsNothingMore()
    {
        var (id, csv) = await StartBatchAsync();
        await using var stalled = database.OpenContext();
        await using var paused = new PausingStream(Encoding.UTF8.GetBytes(csv), pauseAfterBytes: csv.Length * 6 / 10);
        var running = ImportContacts.RunAsync(stalled, database.Hasher, database.Clock, id, paused, null, CancellationToken.None);
        await Task.WhenAny(paused.Paused, running);
        Assert.True(paused.Paused.IsCompleted, "the first run ended before it reached the pause");

        // The holder has stalled past its lease (two minutes): the next run takes the batch over from its checkpoint.
        database.Clock.Advance(TimeSpan.FromMinutes(3));
        ImportBatch taken;
        await using (var db = database.OpenContext())
        {
            taken = (await ImportContacts.RunAsync(db, database.Hasher, database.Clock, id, new MemoryStream(Encoding.UTF8.GetBytes(csv)), null, CancellationToken.None)).Value;
        }

        paused.Resume();
        var late = await running;

        Assert.Equal((ImportStatuses.Completed, 2500L, 2500L, 0L), (taken.Status, taken.RowsRead, taken.Created, taken.Merged));
        Assert.IsType<Refusal.Conflict>(late.Refusal);
        var stored = await InScopeAsync(db => db.ImportBatches.AsNoTracking().SingleAsync(b => b.Id == id));
        Assert.Equal((ImportStatuses.Completed, 2501L, 2500L, 0L, null), (stored.Status, stored.LinesDone, stored.Created, stored.Merged, stored.ClaimedBy));
        Assert.Equal(2500, await InScopeAsync(db => db.People.CountAsync(p => p.Source == $"import:{id}")));
    }

    private async Task<(Guid Id, string Csv)> StartBatchAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var csv = "email\n" + string.Join("\n", Enumerable.Range(0, 2500).Select(i => $"p{i}.{tag}@example.com")) + "\n";
        await using var db = database.OpenContext();
        return ((await ImportContacts.StartAsync(db, database.Clock, new ImportContacts.Meta("Partner Ltd"), "key:crm", CancellationToken.None)).Value.Id, csv);
    }

    [Fact]
    public async Task Start_NamesEachMetadataFieldAtFault_AndRecordsNoBatch()
    {
        await using var db = database.OpenContext();
        var before = await db.ImportBatches.CountAsync();

        var outcome = await ImportContacts.StartAsync(db, database.Clock,
            new ImportContacts.Meta(" ", CollectedFrom: DateTimeOffset.UnixEpoch.AddDays(2), CollectedTo: DateTimeOffset.UnixEpoch, CollectionUrls: ["javascript:alert(1)"],
                Channels: ["fax"], Purposes: ["no_such_purpose"]), "key:crm", CancellationToken.None);

        Assert.Equal(new[] { "channels", "collectedTo", "collectionUrls", "purposes", "sourceOrganisation" },
            Assert.IsType<Refusal.Invalid>(outcome.Refusal).Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(before, await db.ImportBatches.CountAsync());
    }

    private async Task<ImportBatch> ImportAsync(ImportContacts.Meta meta, string csv)
    {
        await using var db = database.OpenContext();
        var batch = (await ImportContacts.StartAsync(db, database.Clock, meta, "key:crm", CancellationToken.None)).Value;
        var outcome = await ImportContacts.RunAsync(db, database.Hasher, database.Clock, batch.Id, new MemoryStream(Encoding.UTF8.GetBytes(csv)), null, CancellationToken.None);
        return outcome.Value;
    }

    private async Task<string> AddPurposeAsync(string key)
    {
        await using var db = database.OpenContext();
        db.Purposes.Add(new Purpose
        {
            Id = Guid.CreateVersion7(), Key = key, Channels = ["email"], Bases = new() { ["eu"] = new PurposeBasis("consent") },
            RetentionDays = 365, CreatedAt = database.Clock.GetUtcNow(), UpdatedAt = database.Clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
        return key;
    }

    private SuppressionEntry Suppression(string address, string reason) => new()
    {
        Id = Guid.CreateVersion7(), AddressHash = database.Hasher.HashNormalized(address), Channel = SuppressionEntry.AnyChannel, Scope = SuppressionEntry.AnyPurpose, Reason = reason,
        Source = "test", CreatedAt = database.Clock.GetUtcNow(),
    };

    private async Task<T> InScopeAsync<T>(Func<Marketing.Data.MarketingDbContext, Task<T>> query)
    {
        await using var db = database.OpenContext();
        return await query(db);
    }

    /// <summary>A file whose reading stops part-way until the test lets it go on, as a run that stalls (or a slow node) reads it.</summary>
    private sealed class PausingStream(byte[] content, int pauseAfterBytes) : MemoryStream(content)
    {
        private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _resume = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Paused => _paused.Task;

        public void Resume() => _resume.TrySetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position >= pauseAfterBytes && !_resume.Task.IsCompleted)
            {
                _paused.TrySetResult();
                await _resume.Task;
            }

            return base.Read(buffer.Span[..(int)Math.Min(buffer.Length, _resume.Task.IsCompleted ? buffer.Length : pauseAfterBytes - Position)]);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <summary>A file whose reading fails part-way, as a process killed mid-import leaves it.</summary>
    private sealed class CrashingStream(byte[] content, int crashAfterBytes) : MemoryStream(content)
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            Position >= crashAfterBytes ? throw new IOException("killed") : base.Read(buffer, offset, (int)Math.Min(count, crashAfterBytes - Position));

        public override int Read(Span<byte> buffer) =>
            Position >= crashAfterBytes ? throw new IOException("killed") : base.Read(buffer[..(int)Math.Min(buffer.Length, crashAfterBytes - Position)]);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));
    }
}

public sealed class ImportContactsFacts_OnSqlite(SqliteDatabase database) : ImportContactsFacts<SqliteDatabase>(database);

public sealed class ImportContactsFacts_OnPostgres(PostgresDatabase database) : ImportContactsFacts<PostgresDatabase>(database);
