using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using MailKit.Net.Smtp;
using MailKit.Security;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Channels.Email;
using Marketing.Leads;
using Marketing.Sending;
using Marketing.Server.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MimeKit.Cryptography;
using Npgsql;

namespace Marketing.Bench;

/// <summary>
/// N marketing emails through the whole way out — claim, gate, render, DKIM, SMTP, record — into Postfix's
/// smtp-sink, against MailKit alone sending N ready-made messages of the same size to the same sink over
/// the same number of connections, in the same run.
/// </summary>
public static class EmailBenchmark
{
    public static Task<int> RunAsync(string serverConnectionString, int messages, int connections) =>
        BenchDatabase.WithThrowawayAsync(serverConnectionString, 50, connectionString => RunOnAsync(connectionString, messages, connections));

    private static async Task<int> RunOnAsync(string connectionString, int messages, int connections)
    {
        var port = FreePort();
        using var sink = StartSink(port);
        var keyDirectory = Directory.CreateTempSubdirectory("marketing-bench-dkim-").FullName;
        try
        {
            using var rsa = RSA.Create(2048);
            var keyPath = Path.Combine(keyDirectory, "dkim.pem");
            await File.WriteAllTextAsync(keyPath, rsa.ExportRSAPrivateKeyPem());
            BenchDatabase.UseForEngine(connectionString, new Dictionary<string, string>
            {
                ["Marketing__Email__Smtp__Host"] = "127.0.0.1",
                ["Marketing__Email__Smtp__Port"] = port.ToString(CultureInfo.InvariantCulture),
                ["Marketing__Email__Smtp__Security"] = "none",
                ["Marketing__Email__Smtp__Connections"] = connections.ToString(CultureInfo.InvariantCulture),
                ["Marketing__Email__BatchSize"] = "500",
                ["Marketing__Email__From"] = "Acme <news@acme.example>",
                ["Marketing__Email__LegalName"] = "Acme SAS",
                ["Marketing__Email__PostalAddress"] = "1 rue de l'Exemple, 75001 Paris",
                ["Marketing__Email__Dkim__Domain"] = "acme.example",
                ["Marketing__Email__Dkim__Selector"] = "bench",
                ["Marketing__Email__Dkim__PrivateKeyPath"] = keyPath,
            });

            await using var app = await MarketingHost.BuildAsync(["--urls", "http://127.0.0.1:0"]);
            await app.StartAsync();
            await WaitForPortAsync(port);

            // Warm every path (connections, template cache, both signers) before timing any, and until the JIT has about
            // finished with them: the engine's path is long (EF, the gate, Scriban, MimeKit), and a profile of a pass after
            // one short warm-up found 40 % of the process's CPU in tiered compilation.
            for (var round = 1; round <= 8; round++)
            {
                var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
                var jit = System.Runtime.JitInfo.GetCompilationTime();
                await SeedAsync(app.Services, 300, $"warm{round}");
                await DrainAsync(app.Services);
                foreach (var baseline in Baselines)
                {
                    await RawMailKitAsync(port, connections, await BaselineMessagesAsync(300), baseline.Signer(keyPath));
                }

                await Task.Delay(500);
                if (System.Runtime.JitInfo.GetCompiledMethodCount() - compiled < 20 && System.Runtime.JitInfo.GetCompilationTime() - jit < TimeSpan.FromMilliseconds(100))
                {
                    break;
                }
            }

            // Each baseline sends half its messages before the engine's pass and half after it, so a change in the
            // machine's load during the run weighs on all of them alike.
            var baselineTime = Baselines.ToDictionary(b => b.Name, _ => TimeSpan.Zero);
            var baselineCpu = Baselines.ToDictionary(b => b.Name, _ => TimeSpan.Zero);
            async Task RunBaselinesAsync(int count)
            {
                foreach (var baseline in Baselines)
                {
                    var prebuilt = await BaselineMessagesAsync(count);
                    var cpu = ProcessCpu();
                    var clock = Stopwatch.StartNew();
                    await RawMailKitAsync(port, connections, prebuilt, baseline.Signer(keyPath));
                    baselineTime[baseline.Name] += clock.Elapsed;
                    baselineCpu[baseline.Name] += ProcessCpu() - cpu;
                }
            }

            await SeedAsync(app.Services, messages, "run");
            await RunBaselinesAsync(messages / 2);
            // Said when it happens, so that a profiler can be started on the engine's pass alone.
            Console.WriteLine($"email: the engine's pass starts ({connections} connections)");
            var engineCpu = ProcessCpu();
            var engineJit = System.Runtime.JitInfo.GetCompilationTime();
            // MARKETING_BENCH_JIT=1 lists what the runtime compiles during the engine's pass.
            using var jitListener = Environment.GetEnvironmentVariable("MARKETING_BENCH_JIT") == "1" ? new JitListener() : null;
            var engine = Stopwatch.StartNew();
            var sent = await DrainAsync(app.Services);
            engine.Stop();
            engineCpu = ProcessCpu() - engineCpu;
            engineJit = System.Runtime.JitInfo.GetCompilationTime() - engineJit;
            if (jitListener is not null)
            {
                Console.WriteLine($"email: {jitListener.Total} methods compiled during the engine's pass; by type:");
                foreach (var (type, count) in jitListener.Top(25))
                {
                    Console.WriteLine($"  {count,6}  {type}");
                }
            }
            await RunBaselinesAsync(messages - messages / 2);
            await app.StopAsync();
            var commit = await CommitRoundTripAsync(connectionString, 300);

            var engineRate = sent / engine.Elapsed.TotalSeconds;
            string Cpu(TimeSpan cpu, int count) => string.Create(CultureInfo.InvariantCulture, $"{cpu.TotalMilliseconds / count:F2} ms CPU/msg in this process");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"email: {messages} marketing messages, {connections} SMTP connections, DKIM rsa-sha256 2048-bit, Postfix smtp-sink, load average {LoadAverage.Now}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  engine (claim, gate, render, DKIM, SMTP, record):   {sent} sent in {engine.Elapsed.TotalSeconds,6:F2} s = {engineRate,5:F0} msg/s   {Cpu(engineCpu, sent)}, of it JIT {engineJit.TotalMilliseconds:F0} ms in all"));
            foreach (var baseline in Baselines)
            {
                var rate = messages / baselineTime[baseline.Name].TotalSeconds;
                var target = baseline.Target is { } t ? string.Create(CultureInfo.InvariantCulture, $" (target >= {t})") : "";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  baseline {baseline.Name + ":",-42} {messages} sent in {baselineTime[baseline.Name].TotalSeconds,6:F2} s = {rate,5:F0} msg/s   {Cpu(baselineCpu[baseline.Name], messages)}   ratio engine/it {engineRate / rate:F2}{target}"));
                Summary.Add($"email, {connections} connection{(connections == 1 ? "" : "s")}, vs {baseline.Short}", $"{engineRate:F0} msg/s", $"{rate:F0} msg/s", engineRate / rate, baseline.Target);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  a durable one-row commit on this cluster, one connection, one after another: {commit:F2} ms (the engine makes one per message per connection, its hand-over)"));
            return sent == messages ? 0 : 1;
        }
        finally
        {
            sink.Kill(entireProcessTree: true);
            Directory.Delete(keyDirectory, recursive: true);
        }
    }

    private static TimeSpan ProcessCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>The mean time of a one-row UPDATE committed on its own: what the engine's hand-over costs at the least.</summary>
    private static async Task<double> CommitRoundTripAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE TABLE bench_commit (id int PRIMARY KEY, n int NOT NULL); INSERT INTO bench_commit VALUES (1, 0)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using var update = new NpgsqlCommand("UPDATE bench_commit SET n = n + 1 WHERE id = 1", connection);
        await update.PrepareAsync();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await update.ExecuteNonQueryAsync();
        }

        return clock.Elapsed.TotalMilliseconds / count;
    }

    /// <summary>People with a granted consent to one purpose, and one queued marketing message each.</summary>
    private static async Task SeedAsync(IServiceProvider services, int count, string tag)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        var purpose = await db.Purposes.SingleOrDefaultAsync(p => p.Key == "bench_news");
        if (purpose is null)
        {
            purpose = new Purpose
            {
                Id = Guid.NewGuid(), Key = "bench_news", Names = new() { ["en"] = "Newsletter" }, Channels = [ChannelKeys.Email],
                Bases = new() { ["fr"] = new PurposeBasis(LawfulBases.Consent) }, RetentionDays = 365,
            };
            db.Purposes.Add(purpose);
            db.DomainChecks.Add(BenchDatabase.VerifiedDomain("acme.example"));
            await db.SaveChangesAsync();
        }

        var now = DateTimeOffset.UtcNow;
        var people = new List<object>();
        var states = new List<object>();
        var sends = new List<object>();
        for (var i = 0; i < count; i++)
        {
            var person = new Person { Id = Guid.CreateVersion7(), Email = $"{tag}.{i}.{Guid.NewGuid():N}@example.com", Regime = "fr", Source = "bench", CreatedAt = now, UpdatedAt = now, Attributes = new() { ["first_name"] = "Ana" } };
            people.Add(person);
            states.Add(new ConsentState { PersonId = person.Id, PurposeId = purpose.Id, Channel = ChannelKeys.Email, Status = ConsentStatuses.Granted, LastEventId = Guid.NewGuid(), UpdatedAt = now });
            sends.Add(new SendRecord
            {
                Id = Guid.CreateVersion7(), Key = $"bench:{person.Id:N}", PersonId = person.Id, Channel = ChannelKeys.Email, MessageType = MessageTypes.Marketing,
                PurposeKey = purpose.Key, TemplateKey = "welcome", Status = SendStatuses.Queued, CreatedAt = now, DueAt = now,
            });
        }

        await BulkInsert.SaveAsync(db, [people, states, sends], CancellationToken.None);
    }

    private static async Task<int> DrainAsync(IServiceProvider services)
    {
        var dispatcher = services.GetRequiredService<EmailDispatcher>();
        var sent = 0;
        while (true)
        {
            using var scope = services.CreateScope();
            var report = await dispatcher.DispatchDueAsync(scope.ServiceProvider.GetRequiredService<MarketingDbContext>(), "bench", CancellationToken.None);
            sent += report.Sent;
            if (report.Total == 0)
            {
                return sent;
            }
        }
    }

    /// <param name="SignerFactory">Null: sent as built; else a signer made once per connection from the key file, used on every message in the timed loop.</param>
    /// <param name="Target">The ratio the engine is held to against this baseline, if any.</param>
    private sealed record Baseline(string Name, string Short, Func<string, DkimSigner>? SignerFactory, double? Target)
    {
        public Func<DkimSigner>? Signer(string keyPath) => SignerFactory is null ? null : () => SignerFactory(keyPath);
    }

    /// <summary>
    /// What any sender must do at the least. The lawful one signs (R67): MimeKit's own signer, as MailKit's users have
    /// it (its RSA is BouncyCastle's managed code), and the same signer with the RSA operation done by OpenSSL as the
    /// engine does it, which is the stricter of the two; the target is printed against both. No signature at all is
    /// printed beside them.
    /// </summary>
    private static readonly Baseline[] Baselines =
    [
        new("MailKit + MimeKit's DkimSigner", "MailKit+DKIM", keyPath => Relaxed(new DkimSigner(keyPath, "acme.example", "bench", DkimSignatureAlgorithm.RsaSha256)), 0.6),
        new("MailKit + DKIM, RSA by OpenSSL", "MailKit+DKIM(OpenSSL)", keyPath => Relaxed(new NativeRsaDkimSigner(File.ReadAllText(keyPath), "acme.example", "bench")), 0.6),
        new("MailKit, unsigned", "MailKit unsigned", null, null),
    ];

    private static DkimSigner Relaxed(DkimSigner signer)
    {
        signer.HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed;
        signer.BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed;
        return signer;
    }

    /// <summary>The headers the engine signs on a marketing message (R68).</summary>
    private static readonly HeaderId[] SignedHeaders =
        [HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId, HeaderId.ListUnsubscribe, HeaderId.ListUnsubscribePost, HeaderId.MimeVersion, HeaderId.ContentType];

    /// <summary>Messages like the engine's (same template's size, HTML and text, the same headers), built before the clock starts.</summary>
    private static async Task<List<MimeMessage>> BaselineMessagesAsync(int count)
    {
        var html = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "templates", "layout.en.html"));
        var text = Marketing.Templates.TemplateRenderer.HtmlToText(html);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var message = new MimeMessage { Subject = "Welcome to Acme", Date = DateTimeOffset.UtcNow, MessageId = $"{Guid.NewGuid():N}@acme.example" };
            message.From.Add(new MailboxAddress("Acme", "news@acme.example"));
            message.To.Add(MailboxAddress.Parse($"raw.{i}@example.com"));
            message.Headers.Add(HeaderId.ListUnsubscribe, $"<https://acme.example/u/{Guid.NewGuid():N}>");
            message.Headers.Add(HeaderId.ListUnsubscribePost, "List-Unsubscribe=One-Click");
            message.Body = new BodyBuilder { HtmlBody = html, TextBody = text }.ToMessageBody();
            return message;
        })];
    }

    private static async Task RawMailKitAsync(int port, int connections, List<MimeMessage> messages, Func<DkimSigner>? signer)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            var dkim = signer?.Invoke();
            using var client = new SmtpClient();
            await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
            int i;
            while ((i = Interlocked.Increment(ref next)) < messages.Count)
            {
                if (dkim is not null)
                {
                    // As the engine does: encoded first, so the signature is over the bytes that travel.
                    messages[i].Prepare(EncodingConstraint.SevenBit);
                    dkim.Sign(messages[i], SignedHeaders);
                }

                await client.SendAsync(messages[i]);
            }

            await client.DisconnectAsync(true);
        }));
    }

    internal static Process StartSink(int port)
    {
        const string sinkPath = "/usr/sbin/smtp-sink";
        if (!File.Exists(sinkPath))
        {
            throw new InvalidOperationException("Postfix's smtp-sink is missing: bench/run.sh installs the postfix package.");
        }

        // Not redirected: nobody would read the pipe, and a sink blocked on a full pipe stops answering.
        var start = new ProcessStartInfo(sinkPath);
        if (Environment.UserName == "root")
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add("nobody");
        }

        start.ArgumentList.Add($"127.0.0.1:{port}");
        start.ArgumentList.Add("1024");
        return Process.Start(start)!;
    }

    private static async Task WaitForPortAsync(int port)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"smtp-sink did not listen on {port}");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
