using System.Globalization;
using System.Net;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Sending;
using Marketing.Server.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Leads;

/// <summary>
/// The art. 14 information of an imported list (R52, GDPR art. 14(1)-(2)), the page an SMS points to (<see cref="Art14Sms"/>):
/// controller, purposes, source, rights and opt-out. It names the list, never a person: anyone may read it.
/// </summary>
public static class Art14Pages
{
    public static IEndpointRouteBuilder MapArt14Pages(this IEndpointRouteBuilder app)
    {
        app.MapGet(Art14Sms.PagePrefix + "{batchId:guid}", ShowAsync).WithName("ShowArt14Information").WithTags("Privacy pages");
        return app;
    }

    private static async Task<HtmlPage> ShowAsync(Guid batchId, HttpRequest request, MarketingDbContext db, SenderIdentity sender, CancellationToken ct)
    {
        var fr = request.Headers.AcceptLanguage.ToString().TrimStart().StartsWith("fr", StringComparison.OrdinalIgnoreCase);
        var locale = fr ? "fr" : "en";
        string T(string en, string french) => fr ? french : en;
        if (await db.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, ct) is not { } batch)
        {
            return HtmlPage.Titled(locale, T("Page not found", "Page introuvable"),
                $"<p>{T("This address names no list of ours.", "Cette adresse ne désigne aucune de nos listes.")}</p>", StatusCodes.Status404NotFound);
        }

        var purposes = await db.Purposes.AsNoTracking().Where(p => batch.Purposes.Contains(p.Key)).ToListAsync(ct);
        var names = purposes.Count == 0 ? T("keeping your contact details, without marketing until you agree to it", "la conservation de vos coordonnées, sans prospection avant votre accord")
            : string.Join(", ", purposes.Select(p => p.NameIn(locale)));
        string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        var collected = batch.CollectedFrom is { } from
            ? string.Create(CultureInfo.InvariantCulture, $" ({T("collected", "collectées")} {from:yyyy-MM-dd}{(batch.CollectedTo is { } to ? $" – {to:yyyy-MM-dd}" : "")})")
            : "";
        var body =
            $"<p>{T("Your contact details were given to us by", "Vos coordonnées nous ont été transmises par")} <strong>{E(batch.SourceOrganisation)}</strong>{E(collected)}.</p>" +
            $"<h2>{T("Who we are", "Qui nous sommes")}</h2><p>{E(sender.LegalName)}<br>{E(sender.PostalAddress)}</p>" +
            $"<h2>{T("What for", "Pour quoi faire")}</h2><p>{E(names)}.</p>" +
            $"<h2>{T("Your rights", "Vos droits")}</h2><p>{T(
                "You may ask to see, correct or erase your data, restrict or object to its use, and receive it in a common format; you may complain to your data protection authority.",
                "Vous pouvez demander à accéder à vos données, les rectifier ou les effacer, en limiter l'usage ou vous y opposer, et les recevoir dans un format courant ; vous pouvez saisir la CNIL ou votre autorité de protection des données.")}</p>" +
            $"<h2>{T("Stop", "Ne plus recevoir")}</h2><p>{T(
                "Reply STOP to any of our text messages, or follow the unsubscribe link of any of our emails: nothing more will be sent to you.",
                "Répondez STOP à l'un de nos SMS, ou suivez le lien de désinscription de l'un de nos e-mails : nous ne vous écrirons plus.")}</p>";
        return HtmlPage.Titled(locale, T("Where we got your details", "D'où viennent vos coordonnées"), body);
    }
}
