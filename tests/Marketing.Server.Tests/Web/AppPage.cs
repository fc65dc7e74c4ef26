using Deque.AxeCore.Playwright;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// One browser tab on the web app: in a language, with or without JavaScript, with a virtual WebAuthn authenticator when
/// asked (Chromium's DevTools protocol). It records every CSP violation and console error, so a check can say none happened.
/// </summary>
public sealed class AppPage : IAsyncDisposable
{
    /// <summary>Reported by the page itself: the policy's violations, whatever the console says.</summary>
    private const string RecordViolations =
        "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));";

    private readonly WebBrowserApp _app;
    private readonly bool _javaScript;

    private AppPage(WebBrowserApp app, IBrowserContext context, IPage page, bool javaScript)
    {
        _app = app;
        _javaScript = javaScript;
        Context = context;
        Page = page;
        Problems = page.CollectProblems();
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public List<string> Problems { get; }

    public static async Task<AppPage> OpenAsync(WebBrowserApp app, string language = "en", bool javaScript = true, bool authenticator = false)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = 1000, Height = 700 },
            Locale = language == "fr" ? "fr-FR" : "en-GB",
        });
        await context.AddCookiesAsync([new Cookie { Name = "mk_lang", Value = language, Domain = "localhost", Path = "/" }]);
        await context.AddInitScriptAsync(RecordViolations);
        // A wait budget, not a timing assertion: on a loaded two-core machine a page with axe can take longer than Playwright's 30 s.
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        if (authenticator)
        {
            var cdp = await context.NewCDPSessionAsync(page);
            await cdp.SendAsync("WebAuthn.enable");
            await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
            {
                ["options"] = new { protocol = "ctap2", transport = "internal", hasResidentKey = true, hasUserVerification = true, isUserVerified = true },
            });
        }

        return new AppPage(app, context, page, javaScript);
    }

    public async Task GotoAsync(string path) => await Page.GotoAsync(new Uri(_app.AppAddress, path).ToString());

    public string Path => new Uri(Page.Url).PathAndQuery;

    /// <summary>What every page and state must pass: axe finds nothing, the policy refused nothing, the console shows no error.</summary>
    /// <param name="status">An error page's own status, which the browser logs as a failed load.</param>
    public async Task CheckAsync(string state, int? status = null)
    {
        if (!_javaScript)
        {
            return;
        }

        // Before axe runs: its own script is not the page's.
        var violations = await Page.EvaluateAsync<string[]>("window.__csp ?? []");
        Assert.True(violations.Length == 0, $"{state}: CSP violations: {string.Join("; ", violations)}");
        var results = await Page.RunAxe();
        Assert.True(results.Violations.Length == 0, $"{state}: " +
            string.Join("\n", results.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")));
        var problems = Problems.Where(p => status is null || !p.Contains($"status of {status}", StringComparison.Ordinal)).ToList();
        Assert.True(problems.Count == 0, $"{state}: console: {string.Join("; ", problems)}");
        Problems.Clear();
    }

    /// <summary>Moves the focus with Tab only, as a keyboard user does, until it reaches <paramref name="selector"/>.</summary>
    public async Task TabToAsync(string selector, int most = 40)
    {
        for (var i = 0; i < most; i++)
        {
            await Page.Keyboard.PressAsync("Tab");
            if (await Page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached {selector}");
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
