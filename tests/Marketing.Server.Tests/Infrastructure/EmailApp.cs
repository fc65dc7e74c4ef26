using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>
/// The engine with its email channel on: a real SMTP server to talk to, a DKIM key, a sender identity and a
/// webhook token, all given as an operator would, in settings.
/// </summary>
public abstract class EmailApp(Data.DatabaseProvider provider) : MarketingApp(provider)
{
    public const string LegalName = "Acme SAS";
    public const string PostalAddress = "1 rue de l'Exemple, 75001 Paris";
    public const string EventsToken = "events-token-for-tests-0123456789";
    public const string DkimDomain = "acme.example";
    public const string DkimSelector = "mk2026";
    /// <summary>Where links in mail point: https, as RFC 8058 wants for one-click unsubscribe; the test server answers any host.</summary>
    public const string PublicBaseUrl = "https://localhost";

    private readonly string _keyDirectory = Directory.CreateTempSubdirectory("marketing-dkim-").FullName;

    public SmtpSink Smtp { get; } = new();

    /// <summary>The bounce mailbox the engine reads over IMAP.</summary>
    public ImapMailbox Reports { get; } = new();

    /// <summary>The DNS TXT record a receiver would find at mk2026._domainkey.acme.example.</summary>
    public string DkimDnsRecord { get; private set; } = "";

    protected override IReadOnlyDictionary<string, string> ExtraSettings
    {
        get
        {
            using var rsa = RSA.Create(2048);
            var keyPath = Path.Combine(_keyDirectory, "dkim.pem");
            File.WriteAllText(keyPath, rsa.ExportRSAPrivateKeyPem());
            DkimDnsRecord = $"v=DKIM1; k=rsa; p={Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo())}";
            return new Dictionary<string, string>
            {
                ["Marketing__Email__Smtp__Host"] = "127.0.0.1",
                ["Marketing__Email__Smtp__Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Marketing__Email__Smtp__Security"] = "none",
                ["Marketing__Email__Smtp__Connections"] = "2",
                ["Marketing__Email__From"] = "Acme <news@acme.example>",
                ["Marketing__Email__TransactionalFrom"] = "Acme <hello@acme.example>",
                ["Marketing__Email__UnsubscribeMailto"] = "unsubscribe@acme.example",
                ["Marketing__Email__LegalName"] = LegalName,
                ["Marketing__Email__PostalAddress"] = PostalAddress,
                ["Marketing__Email__EventsToken"] = EventsToken,
                ["Marketing__Email__Dkim__Domain"] = DkimDomain,
                ["Marketing__Email__Dkim__Selector"] = DkimSelector,
                ["Marketing__Email__Dkim__PrivateKeyPath"] = keyPath,
                ["Marketing__PublicBaseUrl"] = PublicBaseUrl,
                ["Marketing__Email__Imap__Host"] = "127.0.0.1",
                ["Marketing__Email__Imap__Port"] = Reports.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Marketing__Email__Imap__Security"] = "none",
                ["Marketing__Email__Imap__Username"] = ImapMailbox.User,
                ["Marketing__Email__Imap__Password"] = ImapMailbox.Password,
            };
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        Reports.Dispose();
        Directory.Delete(_keyDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteEmailApp() : EmailApp(Data.DatabaseProvider.Sqlite);

public sealed class PostgresEmailApp() : EmailApp(Data.DatabaseProvider.Postgres);

/// <summary>
/// The email engine with no job server, so that each dispatch pass is the test's own, on a clock the test moves
/// (running with real time otherwise): minutes of an outage pass in a call.
/// </summary>
public abstract class ClockedEmailApp(Data.DatabaseProvider provider) : EmailApp(provider)
{
    public TestClock Clock { get; } = new();

    protected override IReadOnlyDictionary<string, string> ExtraSettings =>
        new Dictionary<string, string>(base.ExtraSettings) { ["Marketing__Jobs__RunServer"] = "false" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class SqliteClockedEmailApp() : ClockedEmailApp(Data.DatabaseProvider.Sqlite);

public sealed class PostgresClockedEmailApp() : ClockedEmailApp(Data.DatabaseProvider.Postgres);
