using System.Net;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Marketing.Server.Capture;
using Marketing.Server.Hosting;
using Marketing.Suppression;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Channels.Email;

/// <summary>
/// The pages a person reaches from an email: unsubscribe (RFC 8058 one-click POST, and a GET that only asks,
/// so that link scanners unsubscribe nobody), the preference centre, and the double-opt-in confirmation.
/// No login, no cookie: the token in the link is the whole authority (R16).
/// </summary>
public static class EmailPages
{
    private const string Css = """
        body{font-family:system-ui,Arial,sans-serif;margin:0;background:#f4f4f5;color:#1f2933}
        main{max-width:34rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:8px}
        h1{font-size:1.4rem;margin-top:0}button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:4px;background:#1a56db;color:#fff;cursor:pointer}
        button:focus-visible,a:focus-visible,input:focus-visible{outline:3px solid #1f2933;outline-offset:2px}
        label{display:block;margin:.5rem 0}a{color:#1a56db}fieldset{border:1px solid #d2d6dc;border-radius:4px;margin:1rem 0}
        """;

    private const int FormBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapEmailPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/email").WithTags("Email pages").DisableAntiforgery();
        // RFC 8058: a mailbox provider posts "List-Unsubscribe=One-Click" as either form encoding; the pages' buttons post an empty form.
        string[] forms = ["application/x-www-form-urlencoded", "multipart/form-data"];
        pages.MapGet("/page.css", () => TypedResults.Text(Css, "text/css; charset=utf-8")).WithName("GetEmailPageStyles");
        pages.MapGet("/unsubscribe/{token}", AskUnsubscribeAsync).WithName("AskUnsubscribe");
        pages.MapPost("/unsubscribe/{token}", UnsubscribeAsync).WithName("Unsubscribe").AcceptsBody(forms).WithBodySizeLimit(FormBodyBytes);
        pages.MapGet("/preferences/{token}", PreferencesAsync).WithName("ShowPreferences");
        pages.MapPost("/preferences/{token}", SavePreferencesAsync).WithName("SavePreferences").AcceptsBody(forms).WithBodySizeLimit(FormBodyBytes);
        pages.MapGet("/confirm/{token}", AskConfirm).WithName("AskConfirmation");
        pages.MapPost("/confirm/{token}", ConfirmAsync).WithName("ConfirmSubscription").AcceptsBody(forms).WithBodySizeLimit(FormBodyBytes);
        pages.MapGet("/click/{token}/{target}", ClickAsync).WithName("FollowTrackedLink");
        pages.MapTrackingPages(forms, FormBodyBytes);
        return app;
    }

    /// <summary>
    /// A tracked link (only in messages to people who consented to click tracking, R31): notes the first click on
    /// the send record, for sequences to branch on, while the person still consents (R32), and redirects. The record and the destination are signed together,
    /// so nobody can turn one of our links into a redirect elsewhere, nor move a click onto another message.
    /// </summary>
    private static async Task<Results<RedirectHttpResult, HtmlPage>> ClickAsync(string token, string target, EmailLinks links, MarketingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!links.TryRead(token, out var id) || !links.TryReadClick(id, target, out var url, out var counts)
            || !Uri.TryCreate(url, UriKind.Absolute, out var destination) || destination.Scheme is not ("https" or "http"))
        {
            return Invalid(PageTexts.Supported(null));
        }

        if (counts)
        {
            await RecordClick.HandleAsync(db, clock, id, ct);
        }

        return TypedResults.Redirect(destination.AbsoluteUri);
    }

    internal sealed record Link(SendRecord Record, string Locale, string PurposeName);

    internal static async Task<Link?> ReadAsync(string token, EmailLinks links, MarketingDbContext db, CancellationToken ct)
    {
        if (!links.TryRead(token, out var id) || await db.SendRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is not { } record)
        {
            return null;
        }

        var locale = PageTexts.Supported(record.Data.GetValueOrDefault("locale"));
        var purpose = record.PurposeKey is null ? null : await db.Purposes.AsNoTracking().SingleOrDefaultAsync(p => p.Key == record.PurposeKey, ct);
        return new Link(record, locale, purpose?.NameIn(locale) ?? record.PurposeKey ?? "");
    }

    private static async Task<HtmlPage> AskUnsubscribeAsync(string token, EmailLinks links, MarketingDbContext db, CancellationToken ct)
    {
        if (await ReadAsync(token, links, db, ct) is not { } link)
        {
            return Invalid(PageTexts.Supported(null));
        }

        var t = PageTexts.For(link.Locale);
        return Page(link.Locale, t.UnsubscribeTitle,
            $"<p>{E(string.Format(System.Globalization.CultureInfo.InvariantCulture, t.UnsubscribeQuestion, link.PurposeName))}</p>" +
            $"<form method=\"post\"><button type=\"submit\">{E(t.UnsubscribeButton)}</button></form>" +
            $"<p><a href=\"/email/preferences/{E(token)}\">{E(t.ManagePreferences)}</a></p>");
    }

    /// <summary>One click, no questions: a mailbox provider's RFC 8058 POST and the page's button both land here.</summary>
    private static async Task<HtmlPage> UnsubscribeAsync(string token, HttpContext http, EmailLinks links, MarketingDbContext db,
        TimeProvider clock, ResolvedSettings settings, CancellationToken ct)
    {
        if (await ReadAsync(token, links, db, ct) is not { } link || link.Record.AddressHash is null)
        {
            return Invalid(PageTexts.Supported(null));
        }

        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
        var oneClick = form?["List-Unsubscribe"].ToString() == "One-Click";
        var method = oneClick ? ConsentMethods.OneClickUnsubscribe : ConsentMethods.UnsubscribeLink;
        await Withdraw.HandleAsync(db, clock, link.Record.PersonId, link.Record.AddressHash, link.Record.Channel, link.Record.PurposeKey,
            Action(http, clock, settings, method), oneClick ? "one_click" : "unsubscribe_page", ct);
        var t = PageTexts.For(link.Locale);
        return Page(link.Locale, t.UnsubscribedTitle,
            $"<p>{E(string.Format(System.Globalization.CultureInfo.InvariantCulture, t.Unsubscribed, link.PurposeName))}</p>" +
            $"<p><a href=\"/email/preferences/{E(token)}\">{E(t.ManagePreferences)}</a></p>");
    }

    private static async Task<HtmlPage> PreferencesAsync(string token, EmailLinks links, MarketingDbContext db, CancellationToken ct)
    {
        if (await ReadAsync(token, links, db, ct) is not { } link)
        {
            return Invalid(PageTexts.Supported(null));
        }

        var t = PageTexts.For(link.Locale);
        var standing = await StandingConsentsAsync(db, link.Record.PersonId, link.Record.Channel, link.Locale, ct);
        var boxes = string.Concat(standing.Select(s =>
            $"<label><input type=\"checkbox\" name=\"withdraw\" value=\"{E(s.Key)}\"> {E(s.Name)}</label>"));
        var body = standing.Count == 0
            ? $"<p>{E(t.NothingStanding)}</p>"
            : $"<form method=\"post\"><fieldset><legend>{E(t.WithdrawFrom)}</legend>{boxes}</fieldset><button type=\"submit\">{E(t.SaveButton)}</button></form>";
        body += $"<form method=\"post\"><input type=\"hidden\" name=\"all\" value=\"1\"><p><button type=\"submit\">{E(t.UnsubscribeAllButton)}</button></p></form>";
        // R17: the right to object, as easy as the unsubscribe beside it: one click, no login, no reason asked.
        body += $"<form method=\"post\"><input type=\"hidden\" name=\"object\" value=\"1\"><p>{E(t.ObjectHint)}</p><p><button type=\"submit\">{E(t.ObjectButton)}</button></p></form>";
        return Page(link.Locale, t.PreferencesTitle, body);
    }

    private static async Task<HtmlPage> SavePreferencesAsync(string token, HttpContext http, EmailLinks links, MarketingDbContext db,
        AddressHasher hasher, TimeProvider clock, ResolvedSettings settings, CancellationToken ct)
    {
        if (await ReadAsync(token, links, db, ct) is not { } link || link.Record.AddressHash is null)
        {
            return Invalid(PageTexts.Supported(null));
        }

        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
        var action = Action(http, clock, settings, ConsentMethods.PreferenceCentre);
        var record = link.Record;
        var withdrawn = new List<string>();
        var all = form?["all"].ToString() == "1";
        if (form?["object"].ToString() == "1")
        {
            // The same evidence as a withdrawal from this page (method, IP prefix, browser), through the ledger's one way in.
            var objection = await RecordObjection.HandleAsync(db, hasher, clock, record.PersonId, new RecordObjection.Command(ObjectionScopes.AllMarketing),
                action, "preferences", "person", ct);
            var ot = PageTexts.For(link.Locale);
            return objection.Refusal is null ? Page(link.Locale, ot.PreferencesTitle, $"<p>{E(ot.Objected)}</p>") : Invalid(link.Locale);
        }

        if (all)
        {
            withdrawn.AddRange(await Withdraw.HandleAsync(db, clock, record.PersonId, record.AddressHash, record.Channel, null, action, "preferences", ct));
        }
        else
        {
            var standing = (await StandingConsentsAsync(db, record.PersonId, record.Channel, link.Locale, ct)).Select(s => s.Key).ToHashSet();
            foreach (var key in (form?["withdraw"] ?? default).Where(k => k is not null && standing.Contains(k)))
            {
                db.ChangeTracker.Clear();
                withdrawn.AddRange(await Withdraw.HandleAsync(db, clock, record.PersonId, record.AddressHash, record.Channel, key, action, "preferences", ct));
            }
        }

        var t = PageTexts.For(link.Locale);
        return Page(link.Locale, t.PreferencesTitle,
            $"<p>{E(withdrawn.Count == 0 && !all ? t.NothingChanged : t.PreferencesSaved)}</p><p><a href=\"/email/preferences/{E(token)}\">{E(t.ManagePreferences)}</a></p>");
    }

    private static async Task<List<(string Key, string Name)>> StandingConsentsAsync(MarketingDbContext db, Guid personId, string channel, string locale, CancellationToken ct)
    {
        var rows = await db.ConsentStates.AsNoTracking()
            .Where(s => s.PersonId == personId && s.Channel == channel
                && (s.Status == ConsentStatuses.Granted || s.Status == ConsentStatuses.Confirmed || s.Status == ConsentStatuses.PendingConfirmation))
            .Join(db.Purposes, s => s.PurposeId, p => p.Id, (s, p) => p)
            .ToListAsync(ct);
        return [.. rows.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.NameIn(locale)))];
    }

    /// <summary>The GET only asks: a scanner that follows every link in a mailbox must not confirm a subscription.</summary>
    private static HtmlPage AskConfirm(string token, HttpContext http)
    {
        var locale = BrowserLocale(http);
        var t = PageTexts.For(locale);
        return Page(locale, t.ConfirmTitle,
            $"<p>{E(t.ConfirmQuestion)}</p><form method=\"post\"><button type=\"submit\">{E(t.ConfirmButton)}</button></form>");
    }

    private static async Task<HtmlPage> ConfirmAsync(string token, HttpContext http, MarketingDbContext db, AddressHasher hasher,
        TimeProvider clock, ResolvedSettings settings, CancellationToken ct)
    {
        var locale = BrowserLocale(http);
        var t = PageTexts.For(locale);
        var (outcome, purposes) = await ConfirmDoubleOptIn.HandleAsync(db, hasher, token, Action(http, clock, settings, ConsentMethods.DoubleOptIn), ct);
        return outcome switch
        {
            ConfirmationOutcome.Confirmed => Page(locale, t.ConfirmedTitle, $"<p>{E(t.Confirmed)}</p>"),
            ConfirmationOutcome.AlreadyConfirmed => Page(locale, t.ConfirmTitle, $"<p>{E(t.AlreadyConfirmed)}</p>", StatusCodes.Status410Gone),
            ConfirmationOutcome.Expired => Page(locale, t.ConfirmTitle, $"<p>{E(t.Expired)}</p>", StatusCodes.Status410Gone),
            _ => Invalid(locale),
        };
    }

    /// <summary>A confirmation link names no record, so its page speaks the browser's language.</summary>
    private static string BrowserLocale(HttpContext http) => PageTexts.Supported(http.Request.Headers.AcceptLanguage.ToString().Split(',')[0]);

    internal static ConsentAction Action(HttpContext http, TimeProvider clock, ResolvedSettings settings, string method) => new(
        clock.GetUtcNow(), method,
        IpEvidence.Truncate(http.Connection.RemoteIpAddress, settings.Raw.Capture.IpPrefixV4, settings.Raw.Capture.IpPrefixV6),
        http.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null,
        null);

    internal static HtmlPage Invalid(string locale)
    {
        var t = PageTexts.For(locale);
        return Page(locale, t.InvalidTitle, $"<p>{E(t.Invalid)}</p>", StatusCodes.Status404NotFound);
    }

    internal static HtmlPage Page(string locale, string title, string body, int status = StatusCodes.Status200OK) =>
        HtmlPage.Titled(locale, title, body, status);

    internal static string E(string text) => WebUtility.HtmlEncode(text);
}
