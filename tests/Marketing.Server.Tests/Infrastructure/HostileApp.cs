using System.Net;
using Marketing.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>
/// The engine on a real loopback port (Kestrel, so that its own refusals and limits are part of what is tested), with
/// every public endpoint and webhook on: SMS webhooks, the email-events webhook, the email pages. No Hangfire server
/// runs and the rate limits are out of reach, so that the only thing that changes a table is the request under test.
/// </summary>
public abstract class HostileApp(DatabaseProvider provider) : MarketingApp(provider)
{
    public const int MaxBodyBytes = 16 * 1024;
    public const string PublicBaseUrl = "https://engine.acme.example";

    public Uri EngineAddress { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["Marketing:Jobs:RunServer"] = "false",
        ["Marketing:Public:RateLimitPermits"] = "1000000",
        ["Marketing:Public:MaxBodyBytes"] = $"{MaxBodyBytes}",
        ["Marketing:Capture:SubmissionsPerMinute"] = "1000000",
        ["Marketing:PublicBaseUrl"] = PublicBaseUrl,
        ["Marketing:Email:LegalName"] = EmailApp.LegalName,
        ["Marketing:Email:PostalAddress"] = EmailApp.PostalAddress,
        ["Marketing:Email:EventsToken"] = EmailApp.EventsToken,
        ["Marketing:Sms:AccountSid"] = SmsApp.AccountSid,
        ["Marketing:Sms:AuthToken"] = SmsApp.AuthToken,
        ["Marketing:Sms:From"] = SmsApp.From,
        ["Marketing:Sms:SenderName"] = SmsApp.SenderName,
    };

    protected override void Start()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        EngineAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>A client of the real port that follows no redirect, so that each answer is the engine's own.</summary>
    public HttpClient Client() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = EngineAddress };

    public Task<IReadOnlyDictionary<string, long>> CountsAsync() => TableCounts.SnapshotAsync(Database);
}

public sealed class SqliteHostileApp() : HostileApp(DatabaseProvider.Sqlite);

public sealed class PostgresHostileApp() : HostileApp(DatabaseProvider.Postgres);
