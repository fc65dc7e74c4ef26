using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using MailKit.Net.Smtp;
using MailKit.Security;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Email;
using Marketing.Leads;
using Marketing.Sending;
using Marketing.Server.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
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

            // Warm both paths (JIT, connections, template cache) before timing either.
            await SeedAsync(app.Services, 200, "warm");
            await DrainAsync(app.Services);
            var sample = await BaselineMessagesAsync(app.Services, 200);
            await RawMailKitAsync(port, connections, sample);

            await SeedAsync(app.Services, messages, "run");
            var engine = Stopwatch.StartNew();
            var sent = await DrainAsync(app.Services);
            engine.Stop();
            var prebuilt = await BaselineMessagesAsync(app.Services, messages);
            var raw = Stopwatch.StartNew();
            await RawMailKitAsync(port, connections, prebuilt);
            raw.Stop();
            await app.StopAsync();

            var engineRate = sent / engine.Elapsed.TotalSeconds;
            var rawRate = messages / raw.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"email: {messages} marketing messages, {connections} SMTP connections, DKIM rsa-sha256 2048-bit, Postfix smtp-sink"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  engine (claim, gate, render, DKIM, SMTP, record): {sent} sent in {engine.Elapsed.TotalSeconds:F2} s = {engineRate:F0} msg/s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  baseline (MailKit, ready-made messages):         {messages} sent in {raw.Elapsed.TotalSeconds:F2} s = {rawRate:F0} msg/s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio engine/baseline: {engineRate / rawRate:F2} (target >= 0.5)"));
            return sent == messages ? 0 : 1;
        }
        finally
        {
            sink.Kill(entireProcessTree: true);
            Directory.Delete(keyDirectory, recursive: true);
        }
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
                Id = Guid.NewGuid(), Key = "bench_news", Names = new() { ["en"] = "Newsletter" }, Channels = [Channels.Email],
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
            states.Add(new ConsentState { PersonId = person.Id, PurposeId = purpose.Id, Channel = Channels.Email, Status = ConsentStatuses.Granted, LastEventId = Guid.NewGuid(), UpdatedAt = now });
            sends.Add(new SendRecord
            {
                Id = Guid.CreateVersion7(), Key = $"bench:{person.Id:N}", PersonId = person.Id, Channel = Channels.Email, MessageType = MessageTypes.Marketing,
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

    /// <summary>Messages like the engine's (same template's size, HTML and text), built before the clock starts.</summary>
    private static async Task<List<MimeMessage>> BaselineMessagesAsync(IServiceProvider services, int count)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        var html = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "templates", "layout.en.html"));
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var message = new MimeMessage { Subject = "Welcome to Acme", MessageId = $"{Guid.NewGuid():N}@acme.example" };
            message.From.Add(MailboxAddress.Parse("news@acme.example"));
            message.To.Add(MailboxAddress.Parse($"raw.{i}@example.com"));
            message.Body = new BodyBuilder { HtmlBody = html, TextBody = Marketing.Templates.TemplateRenderer.HtmlToText(html) }.ToMessageBody();
            return message;
        })];
    }

    private static async Task RawMailKitAsync(int port, int connections, List<MimeMessage> messages)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            using var client = new SmtpClient();
            await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
            int i;
            while ((i = Interlocked.Increment(ref next)) < messages.Count)
            {
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
