using System.Globalization;
using System.Text;
using Marketing.Consent;
using Marketing.Templates;

namespace Marketing.Compliance;

/// <summary>
/// The drafts an incident owes (R50): the notification to the supervisory authority with the fields of art. 33(3), pre-filled
/// from the record, its scope counts and the DPO contact, and the art. 34 message to the people, from the <c>breach-notice</c>
/// template. Drafts only: nothing is sent by the engine.
/// </summary>
public static class IncidentDrafts
{
    public const string NoticeTemplate = "breach-notice";

    /// <summary>Who the controller is, as the settings say.</summary>
    public sealed record Controller(string? Name, string? LegalName, string? PostalAddress, DpoContact Dpo);

    /// <summary>A category's name in the drafts and pages.</summary>
    public static string CategoryName(string key, string language) => (key, language == "fr") switch
    {
        (MeasureIncidentScope.Keys.Email, false) => "email addresses",
        (MeasureIncidentScope.Keys.Email, true) => "adresses e-mail",
        (MeasureIncidentScope.Keys.Phone, false) => "phone numbers",
        (MeasureIncidentScope.Keys.Phone, true) => "numéros de téléphone",
        (MeasureIncidentScope.Keys.Name, false) => "names",
        (MeasureIncidentScope.Keys.Name, true) => "noms",
        (MeasureIncidentScope.Keys.Country, false) => "countries",
        (MeasureIncidentScope.Keys.Country, true) => "pays",
        (MeasureIncidentScope.Keys.Locale, false) => "language and time zone",
        (MeasureIncidentScope.Keys.Locale, true) => "langue et fuseau horaire",
        (MeasureIncidentScope.Keys.ConsentRecords, false) => "consent records",
        (MeasureIncidentScope.Keys.ConsentRecords, true) => "preuves de consentement",
        (MeasureIncidentScope.Keys.SubmissionMetadata, false) => "IP addresses and browsers of form submissions",
        (MeasureIncidentScope.Keys.SubmissionMetadata, true) => "adresses IP et navigateurs des envois de formulaire",
        (MeasureIncidentScope.Keys.MessageHistory, false) => "messages sent",
        (MeasureIncidentScope.Keys.MessageHistory, true) => "messages envoyés",
        (MeasureIncidentScope.Keys.Clicks, false) => "clicks on links",
        (MeasureIncidentScope.Keys.Clicks, true) => "clics sur des liens",
        _ => key,
    };

    /// <summary>The scope in words, e.g. "form newsletter, 2026-01-01 00:00 UTC to 2026-01-02 00:00 UTC".</summary>
    public static string DescribeScope(string? kind, string? key, DateTimeOffset? from, DateTimeOffset? to, string language)
    {
        var french = language == "fr";
        var what = kind switch
        {
            IncidentScopes.Form => (french ? "formulaire " : "form ") + key,
            IncidentScopes.Channel => (french ? "canal " : "channel ") + key,
            IncidentScopes.Window => french ? "toutes les personnes enregistrées" : "everyone stored",
            _ => french ? "non déclaré" : "not declared",
        };
        var window = (from, to) switch
        {
            (null, null) => "",
            ({ } f, null) => (french ? ", depuis le " : ", since ") + Instant(f),
            (null, { } t) => (french ? ", jusqu'au " : ", until ") + Instant(t),
            ({ } f, { } t) => (french ? ", du " : ", from ") + Instant(f) + (french ? " au " : " to ") + Instant(t),
        };
        return what + window;
    }

    public static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The art. 33(3) notification to the authority, as plain text to paste into its form or letter.</summary>
    public static string Authority(Incident incident, MeasureIncidentScope.ScopeCounts? counts, Controller controller, string language, DateTimeOffset now)
    {
        var fr = language == "fr";
        string T(string en, string french) => fr ? french : en;
        var missing = T("[to complete]", "[à compléter]");
        var text = new StringBuilder();
        text.AppendLine(T("Notification of a personal data breach to the supervisory authority (GDPR art. 33)",
            "Notification d'une violation de données à caractère personnel à l'autorité de contrôle (RGPD art. 33)"));
        text.AppendLine();
        text.AppendLine(T("Controller: ", "Responsable du traitement : ") + (controller.LegalName ?? controller.Name ?? missing)
            + (controller.PostalAddress is null ? "" : ", " + controller.PostalAddress));
        text.AppendLine(T("Data protection officer or other contact point (art. 33(3)(b)): ", "Délégué à la protection des données ou autre point de contact (art. 33(3)(b)) : ")
            + controller.Dpo.Describe(language));
        text.AppendLine(T("Title: ", "Intitulé : ") + incident.Title);
        text.AppendLine(T("Became aware on: ", "Connaissance de la violation le : ") + Instant(incident.AwareAt));
        text.AppendLine(T("Notification due by (72 hours): ", "Notification due avant (72 heures) : ") + Instant(IncidentRules.DeadlineAt(incident.AwareAt)));
        if (incident.NotifiedAt is { } notified)
        {
            text.AppendLine(T("Notified on: ", "Notifiée le : ") + Instant(notified));
        }

        if (incident.LateReason is not null || IncidentRules.State(incident, now) is NotificationState.Overdue or NotificationState.NotifiedLate)
        {
            text.AppendLine(T("Reasons for the delay (art. 33(1)): ", "Motifs du retard (art. 33(1)) : ") + (incident.LateReason ?? missing));
        }

        text.AppendLine();
        text.AppendLine(T("1. Nature of the breach (art. 33(3)(a))", "1. Nature de la violation (art. 33(3)(a))"));
        text.AppendLine(incident.Description);
        text.AppendLine(T("Affected scope: ", "Périmètre touché : ") + DescribeScope(incident.ScopeKind, incident.ScopeKey, incident.ScopeFrom, incident.ScopeTo, language));
        text.AppendLine(T("Categories of people concerned: ", "Catégories de personnes concernées : ")
            + (incident.SubjectCategories.Count > 0 ? string.Join(", ", incident.SubjectCategories) : missing));
        if (counts is not null)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{T("Approximate number of people concerned: ", "Nombre approximatif de personnes concernées : ")}{counts.People}"));
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{T("Approximate number of records concerned: ", "Nombre approximatif d'enregistrements concernés : ")}{counts.Records}"));
        }
        else
        {
            text.AppendLine(T("Approximate number of people and records concerned: ", "Nombre approximatif de personnes et d'enregistrements concernés : ") + missing);
        }

        var categories = incident.DataCategories.Count > 0 ? incident.DataCategories
            : counts?.Categories.Select(c => string.Create(CultureInfo.InvariantCulture, $"{CategoryName(c.Key, language)} ({c.Count})")).ToList() ?? [];
        text.AppendLine(T("Categories of personal data concerned: ", "Catégories de données concernées : ") + (categories.Count > 0 ? string.Join(", ", categories) : missing));
        text.AppendLine();
        text.AppendLine(T("2. Likely consequences (art. 33(3)(c))", "2. Conséquences probables (art. 33(3)(c))"));
        text.AppendLine(incident.LikelyConsequences ?? missing);
        text.AppendLine();
        text.AppendLine(T("3. Measures taken or proposed, including to mitigate adverse effects (art. 33(3)(d))",
            "3. Mesures prises ou envisagées, y compris pour en atténuer les effets négatifs (art. 33(3)(d))"));
        text.AppendLine(incident.MeasuresTaken ?? missing);
        text.AppendLine();
        text.AppendLine(T("4. Communication to the people concerned (art. 34): ", "4. Communication aux personnes concernées (art. 34) : ")
            + (incident.SubjectsInformedAt is { } informed ? T("done on ", "faite le ") + Instant(informed)
                : incident.HighRisk ? T("owed (high risk), not yet done", "due (risque élevé), pas encore faite")
                : T("not planned (no high risk identified)", "non prévue (pas de risque élevé identifié)")));
        return text.ToString();
    }

    /// <summary>The values the art. 34 template reads, under <c>links.</c>: the incident's facts and the DPO contact.</summary>
    public static Dictionary<string, string?> NoticeValues(Incident incident, DpoContact dpo, string language)
    {
        var missing = language == "fr" ? "[à compléter]" : "[to complete]";
        return new()
        {
            ["incident_nature"] = incident.Description,
            ["incident_consequences"] = incident.LikelyConsequences ?? missing,
            ["incident_measures"] = incident.MeasuresTaken ?? missing,
            ["incident_aware_at"] = Instant(incident.AwareAt),
            ["dpo_contact"] = dpo.Describe(language),
        };
    }

    /// <summary>The art. 34 message in the given language, rendered for a person without a name (the template greets each by theirs when sent).</summary>
    public static RenderedMessage Notice(Incident incident, Controller controller, TemplateSet templates, TemplateRenderer renderer, string language)
    {
        var template = templates.Find(NoticeTemplate, language, ChannelKeys.Email) ?? throw new InvalidOperationException($"The {NoticeTemplate} template is missing.");
        var model = new TemplateModel("transactional", language,
            new Dictionary<string, string?> { ["first_name"] = null, ["email"] = null },
            new Dictionary<string, string?> { ["name"] = controller.Name, ["legal_name"] = controller.LegalName ?? controller.Name, ["postal_address"] = controller.PostalAddress },
            NoticeValues(incident, controller.Dpo, language),
            new Dictionary<string, string?>());
        return renderer.Render(template, null, model);
    }
}
