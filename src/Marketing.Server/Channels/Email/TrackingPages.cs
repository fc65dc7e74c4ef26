using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Marketing.Server.Hosting;
using Marketing.Suppression;
using Marketing.Tracking;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketing.Server.Channels.Email;

/// <summary>
/// The tracking a message may carry (R30–R32): the open pixel, campaign-level links, and the page where a person stops the
/// measuring of their opens. Each hit asks for the person's consent as it stands now, never as it stood when the mail left.
/// </summary>
internal static class TrackingPages
{
    /// <summary>A transparent 1×1 GIF.</summary>
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static void MapTrackingPages(this RouteGroupBuilder pages, string[] forms, int formBodyBytes)
    {
        pages.MapGet("/open/{token}", OpenAsync).WithName("LoadOpenPixel");
        pages.MapGet("/link/{payload}/{signature}", CampaignClickAsync).WithName("FollowCampaignLink");
        pages.MapGet("/opens/stop/{token}", AskStop).WithName("AskStopOpenTracking");
        pages.MapPost("/opens/stop/{token}", StopAsync).WithName("StopOpenTracking").AcceptsBody(forms).WithBodySizeLimit(formBodyBytes);
    }

    /// <summary>Always the image, whatever the token: what the engine records is no business of the mail client (R32).</summary>
    private static async Task<FileContentHttpResult> OpenAsync(string token, HttpContext http, EmailLinks links, MarketingDbContext db, TimeProvider clock,
        ResolvedSettings settings, CancellationToken ct)
    {
        if (links.TryReadOpen(token, out var id))
        {
            await RecordOpen.HandleAsync(db, clock, settings.Raw.Email.OpenTracking, id, ct);
        }

        http.Response.Headers.CacheControl = "no-store, max-age=0";
        return TypedResults.File(Pixel, "image/gif");
    }

    /// <summary>A link the same for every recipient of a campaign (R31): counted once more, and redirected.</summary>
    private static async Task<Results<RedirectHttpResult, HtmlPage>> CampaignClickAsync(string payload, string signature, EmailLinks links,
        MarketingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!links.TryReadCampaignClick(payload, signature, out var campaign, out var url)
            || !Uri.TryCreate(url, UriKind.Absolute, out var destination) || destination.Scheme is not ("https" or "http"))
        {
            return EmailPages.Invalid(PageTexts.Supported(null));
        }

        await RecordCampaignClick.HandleAsync(db, clock, campaign, url, ct);
        return TypedResults.Redirect(destination.AbsoluteUri);
    }

    /// <summary>The GET only asks, as unsubscribing does: a scanner following every link withdraws nothing in the person's name.</summary>
    private static async Task<HtmlPage> AskStop(string token, EmailLinks links, MarketingDbContext db, CancellationToken ct)
    {
        if (await EmailPages.ReadAsync(token, links, db, ct) is not { } link)
        {
            return EmailPages.Invalid(PageTexts.Supported(null));
        }

        var t = OpenTrackingTexts.For(link.Locale);
        return EmailPages.Page(link.Locale, t.Title,
            $"<p>{EmailPages.E(t.Question)}</p><form method=\"post\"><button type=\"submit\">{EmailPages.E(t.Button)}</button></form>");
    }

    /// <summary>Withdraws the consent to open tracking, through the ledger like any withdrawal (R32); the mail itself keeps coming.</summary>
    private static async Task<HtmlPage> StopAsync(string token, HttpContext http, EmailLinks links, MarketingDbContext db, TimeProvider clock,
        ResolvedSettings settings, CancellationToken ct)
    {
        if (await EmailPages.ReadAsync(token, links, db, ct) is not { } link || link.Record.AddressHash is null || link.Record.Channel != ChannelKeys.Email)
        {
            return EmailPages.Invalid(PageTexts.Supported(null));
        }

        await Withdraw.HandleAsync(db, clock, link.Record.PersonId, link.Record.AddressHash, ChannelKeys.Email, TrackingPurposes.Opens,
            EmailPages.Action(http, clock, settings, ConsentMethods.UnsubscribeLink), "stop_open_tracking", ct);
        var t = OpenTrackingTexts.For(link.Locale);
        return EmailPages.Page(link.Locale, t.StoppedTitle, $"<p>{EmailPages.E(t.Stopped)}</p>");
    }
}

/// <summary>The words of the page that stops the measuring of opens.</summary>
internal sealed record OpenTrackingTexts(string Title, string Question, string Button, string StoppedTitle, string Stopped)
{
    private static readonly OpenTrackingTexts English = new(
        "Stop measuring my opens", "Stop measuring when you open our emails? You will keep receiving them.", "Stop measuring my opens",
        "Your opens are no longer measured", "We no longer record when you open our emails, including those you already received.");

    private static readonly OpenTrackingTexts French = new(
        "Ne plus mesurer mes ouvertures", "Ne plus mesurer l'ouverture de nos e-mails ? Vous continuerez à les recevoir.", "Ne plus mesurer mes ouvertures",
        "Vos ouvertures ne sont plus mesurées", "Nous n'enregistrons plus l'ouverture de nos e-mails, y compris de ceux déjà reçus.");

    public static OpenTrackingTexts For(string locale) => PageTexts.Supported(locale) == "fr" ? French : English;
}
