using System.Net;
using Marketing.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>
/// The engine on a real loopback port with a headless Chromium beside it (Debian's package, driven by
/// Playwright), so that widgets and pages are tested as a visitor's browser runs them.
/// </summary>
public abstract class BrowserHost(DatabaseProvider provider) : MarketingApp(provider)
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public Uri EngineAddress { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    protected override void Start()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        EngineAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run ./scripts/test.sh, which installs Debian's chromium package.");
        }

        _playwright = Playwright.CreateAsync().GetAwaiter().GetResult();
        Browser = _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // The machine has no network: keep Chromium from calling home, and run as root without a sandbox.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        }).GetAwaiter().GetResult();
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class BrowserApp() : BrowserHost(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["Marketing:Capture:SubmissionsPerMinute"] = "1000",
    };
}

/// <summary>
/// The web app in Chromium. Its address is <c>localhost</c>, not 127.0.0.1: WebAuthn needs a domain name as its relying
/// party, and Chromium treats http://localhost as a secure context (passkeys, Secure cookies).
/// </summary>
public abstract class WebBrowserApp(DatabaseProvider provider) : BrowserHost(provider)
{
    public Uri AppAddress => new($"http://localhost:{EngineAddress.Port}");
}

public sealed class SqliteWebBrowserApp() : WebBrowserApp(DatabaseProvider.Sqlite);

public sealed class PostgresWebBrowserApp() : WebBrowserApp(DatabaseProvider.Postgres);
