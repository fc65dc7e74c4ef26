using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Nurture;
using Marketing.Sending;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Marketing.Bench;

/// <summary>
/// N enrolments fall due at once on PostgreSQL and two engine processes work them off: each enrolment's step
/// is claimed, asked of the gate, queued, then rendered and sent to Postfix's smtp-sink. The baseline, in the
/// same run and on fresh processes of the same build, is the raw send rate: N messages queued directly,
/// sent by the same two processes with no sequence in front. Peak memory is each worker's high-water mark,
/// measured for N/10 and for N enrolments, to show it does not grow with their number.
/// </summary>
public static class NurtureBenchmark
{
    private const int Workers = 2;

    public static Task<int> RunAsync(string serverConnectionString, int enrolments) =>
        BenchDatabase.WithThrowawayAsync(serverConnectionString, 20, connectionString => RunOnAsync(connectionString, enrolments));

    private static async Task<int> RunOnAsync(string connectionString, int enrolments)
    {
        var port = EmailBenchmark.FreePort();
        using var sink = EmailBenchmark.StartSink(port);
        var work = Directory.CreateTempSubdirectory("marketing-bench-nurture-").FullName;
        try
        {
            var settings = Settings(connectionString, port);
            var (exit, key, error) = await RunVerbAsync(work, settings, "keys", "create", "--role", "admin");
            if (exit != 0)
            {
                throw new InvalidOperationException($"keys create failed: {error}");
            }

            await SetUpAsync(connectionString);
            var raw = await PhaseAsync(work, settings, key.Trim(), connectionString, enrolments, nurture: false);
            var small = await PhaseAsync(work, settings, key.Trim(), connectionString, enrolments / 10, nurture: true);
            var full = await PhaseAsync(work, settings, key.Trim(), connectionString, enrolments, nurture: true);

            var rawRate = enrolments / raw.Drain.TotalSeconds;
            var stepRate = enrolments / full.Drain.TotalSeconds;
            var cap = Environment.GetEnvironmentVariable("MARKETING_BENCH_HEAP_LIMIT_MB") is { Length: > 0 } limit ? $", managed heap capped at {limit} MB" : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"nurture: {enrolments} enrolments due at once, {Workers} engine processes{cap}, PostgreSQL, one email step each into Postfix's smtp-sink"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  sequence steps (claim, gate, queue, then render, SMTP, record): drained in {full.Drain.TotalSeconds:F1} s = {stepRate:F0} steps/s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  baseline (the same messages queued directly, same processes): drained in {raw.Drain.TotalSeconds:F1} s = {rawRate:F0} msg/s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio steps/raw send rate: {stepRate / rawRate:F2} (target >= 0.5)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  peak resident memory per worker: {small.PeakMegabytes:F0} MB with {enrolments / 10} enrolments, {full.PeakMegabytes:F0} MB with {enrolments} (ratio {full.PeakMegabytes / small.PeakMegabytes:F2})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  live managed heap after the drain (full collection): {small.LiveHeapMegabytes:F1} MB with {enrolments / 10}, {full.LiveHeapMegabytes:F1} MB with {enrolments} (ratio {full.LiveHeapMegabytes / small.LiveHeapMegabytes:F2}; target <= 1.3)"));
            Console.WriteLine($"  load average {LoadAverage.Now}");
            Summary.Add($"nurture steps vs raw send rate, {enrolments} enrolments", $"{stepRate:F0} steps/s", $"{rawRate:F0} msg/s", stepRate / rawRate, 0.5);
            Summary.Add($"nurture live heap, {enrolments} vs {enrolments / 10} enrolments", $"{full.LiveHeapMegabytes:F1} MB", $"{small.LiveHeapMegabytes:F1} MB",
                full.LiveHeapMegabytes / small.LiveHeapMegabytes, 1.3, atMost: true);
            return full.Sent == enrolments && raw.Sent == enrolments ? 0 : 1;
        }
        finally
        {
            sink.Kill(entireProcessTree: true);
            Directory.Delete(work, recursive: true);
        }
    }

    private sealed record Phase(TimeSpan Drain, int Sent, double PeakMegabytes, double LiveHeapMegabytes);

    /// <summary>Seeds the work, starts two fresh workers, kicks them, and times until every message of the phase is sent.</summary>
    private static async Task<Phase> PhaseAsync(string work, Dictionary<string, string> settings, string key, string connectionString, int count, bool nurture)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await SeedAsync(connectionString, count, tag, nurture);
        var workers = new List<(Process Process, HttpClient Client)>();
        for (var i = 0; i < Workers; i++)
        {
            workers.Add(await StartWorkerAsync(work, settings, key));
        }

        try
        {
            var clock = Stopwatch.StartNew();
            var wakers = nurture ? [] : await FirstPeopleAsync(connectionString, tag, Workers);
            foreach (var (i, (_, client)) in workers.Index())
            {
                if (nurture)
                {
                    (await client.PostAsync("/api/admin/nurture/run", null)).EnsureSuccessStatusCode();
                }
                else
                {
                    // One message through the API wakes the node's dispatcher, which then drains everything due.
                    (await client.PostAsJsonAsync("/api/admin/sends", new { personId = wakers[i], purpose = Purpose, template = "welcome" })).EnsureSuccessStatusCode();
                }
            }

            var sent = 0;
            while (clock.Elapsed < TimeSpan.FromMinutes(30))
            {
                sent = await SentAsync(connectionString, tag);
                if (sent >= count)
                {
                    break;
                }

                await Task.Delay(200);
            }

            clock.Stop();
            var peak = workers.Max(w => PeakMegabytes(w.Process.Id));
            var live = 0.0;
            foreach (var (_, client) in workers)
            {
                var memory = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/admin/diagnostics/memory?collect=true");
                live = Math.Max(live, memory.GetProperty("liveHeapBytes").GetInt64() / 1024.0 / 1024.0);
            }

            if (Environment.GetEnvironmentVariable("MARKETING_BENCH_GCDUMP") is { Length: > 0 } dumps)
            {
                await GcDumpAsync(dumps, $"{(nurture ? "nurture" : "raw")}-{count}", workers[0].Process.Id);
            }

            return new Phase(clock.Elapsed, Math.Min(sent, count), peak, live);
        }
        finally
        {
            foreach (var (process, client) in workers)
            {
                client.Dispose();
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                process.Dispose();
            }
        }
    }

    /// <summary>
    /// MARKETING_BENCH_GCDUMP names a folder: each phase's first worker's heap is dumped there after the drain with
    /// dotnet-gcdump (a NuGet tool, found on PATH or in ~/.dotnet/tools), with its report of the largest types beside it.
    /// </summary>
    private static async Task GcDumpAsync(string folder, string name, int pid)
    {
        Directory.CreateDirectory(folder);
        var dump = Path.Combine(folder, $"{name}.gcdump");
        foreach (var args in new[] { new[] { "collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", dump }, ["report", dump] })
        {
            var info = new ProcessStartInfo("dotnet-gcdump") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            using var tool = Process.Start(info)!;
            var output = await tool.StandardOutput.ReadToEndAsync();
            await tool.WaitForExitAsync();
            if (args[0] == "report")
            {
                await File.WriteAllTextAsync(Path.Combine(folder, $"{name}.txt"), output);
            }
        }
    }

    private const string Purpose = "bench_nurture";

    private static async Task SetUpAsync(string connectionString)
    {
        await using var db = Open(connectionString);
        var now = DateTimeOffset.UtcNow;
        db.Purposes.Add(new Purpose
        {
            Id = Guid.NewGuid(), Key = Purpose, Names = new() { ["en"] = "Newsletter" }, Channels = [ChannelKeys.Email],
            Bases = new() { ["fr"] = new PurposeBasis(LawfulBases.Consent) }, RetentionDays = 365, CreatedAt = now, UpdatedAt = now,
        });
        var definition = new SequenceDefinition("Bench", new SequenceTrigger(TriggerTypes.Api, null, null), false,
        [
            new SequenceStep("hello", StepTypes.Email, Template: "welcome", Purpose: Purpose, Next: "done"),
            new SequenceStep("done", StepTypes.Exit),
        ]);
        var sequence = new Sequence { Id = Guid.CreateVersion7(), Key = "bench", Draft = definition, LatestVersion = 1, Status = SequenceStatuses.Active, CreatedAt = now, UpdatedAt = now };
        db.Sequences.Add(sequence);
        db.SequenceVersions.Add(new SequenceVersion
        {
            Id = Guid.CreateVersion7(), SequenceId = sequence.Id, Version = 1, Definition = definition, Sha256 = new string('0', 64), PublishedAt = now, PublishedBy = "bench",
        });
        db.DomainChecks.Add(BenchDatabase.VerifiedDomain("acme.example"));
        await db.SaveChangesAsync();
    }

    /// <summary>People who consented, and for each either an enrolment due now or a message queued directly.</summary>
    private static async Task SeedAsync(string connectionString, int count, string tag, bool nurture)
    {
        await using var db = Open(connectionString);
        var purpose = await db.Purposes.SingleAsync(p => p.Key == Purpose);
        var sequence = await db.Sequences.SingleAsync(s => s.Key == "bench");
        var version = await db.SequenceVersions.SingleAsync(v => v.SequenceId == sequence.Id);
        var now = DateTimeOffset.UtcNow;
        foreach (var chunk in Enumerable.Range(0, count).Chunk(10_000))
        {
            var people = new List<object>();
            var states = new List<object>();
            var work = new List<object>();
            foreach (var i in chunk)
            {
                var person = new Person { Id = Guid.CreateVersion7(), Email = $"{tag}.{i}@example.com", Regime = "fr", Source = $"bench:{tag}", CreatedAt = now, UpdatedAt = now };
                people.Add(person);
                states.Add(new ConsentState { PersonId = person.Id, PurposeId = purpose.Id, Channel = ChannelKeys.Email, Status = ConsentStatuses.Granted, LastEventId = Guid.NewGuid(), UpdatedAt = now });
                work.Add(nurture
                    ? new Enrolment
                    {
                        Id = Guid.CreateVersion7(), Key = $"{sequence.Id:N}:{person.Id:N}", SequenceId = sequence.Id, VersionId = version.Id, Version = 1,
                        PersonId = person.Id, Trigger = "api:bench", Status = EnrolmentStatuses.Active, StepId = "hello", DueAt = now, EnrolledAt = now,
                    }
                    : new SendRecord
                    {
                        Id = Guid.CreateVersion7(), Key = $"bench:{person.Id:N}", PersonId = person.Id, Channel = ChannelKeys.Email, MessageType = MessageTypes.Marketing,
                        PurposeKey = Purpose, TemplateKey = "welcome", Status = SendStatuses.Queued, CreatedAt = now, DueAt = now,
                    });
            }

            await BulkInsert.SaveAsync(db, [people, states, work], CancellationToken.None);
            db.ChangeTracker.Clear();
        }

        if (!nurture)
        {
            // The message that wakes each dispatcher replaces the seeded one of one of the first people: keep the count exact.
            var wakers = db.People.Where(p => p.Source == $"bench:{tag}").OrderBy(p => p.Id).Take(Workers).Select(p => p.Id);
            await db.SendRecords.Where(r => r.Key.StartsWith("bench:") && wakers.Contains(r.PersonId)).ExecuteDeleteAsync();
        }
    }

    private static async Task<List<Guid>> FirstPeopleAsync(string connectionString, string tag, int count)
    {
        await using var db = Open(connectionString);
        return await db.People.Where(p => p.Source == $"bench:{tag}").OrderBy(p => p.Id).Take(count).Select(p => p.Id).ToListAsync();
    }

    private static async Task<int> SentAsync(string connectionString, string tag)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM send_records r JOIN people p ON p.id = r.person_id WHERE r.status = 'sent' AND p.source = @source", connection);
        command.Parameters.AddWithValue("source", $"bench:{tag}");
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static MarketingDbContext Open(string connectionString) =>
        new(DatabaseOptionsExtensions.ForMarketingDatabase(DatabaseProvider.Postgres, connectionString));

    /// <summary>VmHWM: the most resident memory the process ever held.</summary>
    private static double PeakMegabytes(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0).Single();

    private static Dictionary<string, string> Settings(string connectionString, int smtpPort) => new Dictionary<string, string>
    {
        ["Marketing__Database__Provider"] = "postgres",
        ["Marketing__Database__ConnectionString"] = connectionString,
        ["Marketing__Database__AutoMigrate"] = "true",
        ["Marketing__Suppression__Secret"] = "benchmark-suppression-secret-0123456789",
        ["Marketing__DataProtection__Key"] = "YmVuY2htYXJrLWtleS1lbmNyeXB0aW9uLWtleS0wMTI=",
        ["Marketing__Email__Smtp__Host"] = "127.0.0.1",
        ["Marketing__Email__Smtp__Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
        ["Marketing__Email__Smtp__Security"] = "none",
        ["Marketing__Email__Smtp__Connections"] = "4",
        ["Marketing__Email__BatchSize"] = "500",
        ["Marketing__Email__From"] = "Acme <news@acme.example>",
        ["Marketing__Email__LegalName"] = "Acme SAS",
        ["Marketing__Email__PostalAddress"] = "1 rue de l'Exemple, 75001 Paris",
        ["Logging__LogLevel__Default"] = "Warning",
    }.Concat(HeapLimit()).ToDictionary();

    /// <summary>
    /// MARKETING_BENCH_HEAP_LIMIT_MB caps each worker's managed heap. The server GC of a host with gigabytes free
    /// lets its heap grow long before it collects, so a peak alone does not tell growth from laziness; a run that
    /// drains N enrolments under a small cap shows that the work does not need memory in proportion to N.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string>> HeapLimit() =>
        Environment.GetEnvironmentVariable("MARKETING_BENCH_HEAP_LIMIT_MB") is { Length: > 0 } megabytes
            ? [new KeyValuePair<string, string>("DOTNET_GCHeapHardLimit", (long.Parse(megabytes, CultureInfo.InvariantCulture) * 1024 * 1024).ToString("x", CultureInfo.InvariantCulture))]
            : [];

    private static ProcessStartInfo StartInfo(string work, Dictionary<string, string> settings, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Marketing.Server.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // The workers get this benchmark's settings only, not what an earlier benchmark of the same run left in this process.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("Marketing__", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in settings)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    private static async Task<(int ExitCode, string StdOut, string StdErr)> RunVerbAsync(string work, Dictionary<string, string> settings, params string[] args)
    {
        using var process = Process.Start(StartInfo(work, settings, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    private static async Task<(Process, HttpClient)> StartWorkerAsync(string work, Dictionary<string, string> settings, string key)
    {
        var port = EmailBenchmark.FreePort();
        var info = StartInfo(work, settings, "--urls", $"http://127.0.0.1:{port}");
        // Nobody reads a worker's output: a full pipe would stall it.
        info.RedirectStandardOutput = false;
        info.RedirectStandardError = false;
        var process = Process.Start(info)!;
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        for (var i = 0; i < 600; i++)
        {
            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return (process, client);
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("a worker did not become ready");
    }
}
