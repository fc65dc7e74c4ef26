namespace Marketing.Consent;

/// <summary>
/// The banner's built-in words in the five languages it ships with. Publishing copies them into the version,
/// under any override, so that the hash of a version covers every word a visitor read (R28).
/// </summary>
public static class BannerTexts
{
    public static IReadOnlyList<string> Keys { get; } =
    [
        "title", "body", "acceptAll", "rejectAll", "customise", "save", "close", "settingsTitle", "alwaysOn",
        "cookies", "provider", "privacy", "day", "days", "month", "months", "session", "gpc",
    ];

    private static readonly Dictionary<string, string[]> ByLanguage = new()
    {
        ["en"] =
        [
            "We use cookies",
            "We and our partners use cookies to measure our audience and show you relevant content. You can accept them all, refuse them all or choose per purpose; refusing changes nothing in how the site works. You can change your mind at any time from the “Cookie settings” link.",
            "Accept all", "Reject all", "Customise", "Save my choices", "Close and refuse", "Cookie settings", "Always on",
            "Cookies", "Provider", "Privacy policy", "day", "days", "month", "months", "session",
            "Refused by your browser’s Global Privacy Control signal.",
        ],
        ["fr"] =
        [
            "Nous utilisons des cookies",
            "Nous et nos partenaires utilisons des cookies pour mesurer l’audience et vous proposer des contenus adaptés. Vous pouvez tout accepter, tout refuser ou choisir par finalité ; refuser ne change rien au fonctionnement du site. Vous pouvez changer d’avis à tout moment via le lien « Gérer mes cookies ».",
            "Tout accepter", "Tout refuser", "Personnaliser", "Enregistrer mes choix", "Fermer et refuser", "Gérer mes cookies", "Toujours actifs",
            "Cookies", "Fournisseur", "Politique de confidentialité", "jour", "jours", "mois", "mois", "session",
            "Refusé par le signal Global Privacy Control de votre navigateur.",
        ],
        ["de"] =
        [
            "Wir verwenden Cookies",
            "Wir und unsere Partner verwenden Cookies, um die Reichweite zu messen und Ihnen passende Inhalte zu zeigen. Sie können alle akzeptieren, alle ablehnen oder je Zweck wählen; eine Ablehnung ändert nichts an der Nutzung der Website. Sie können Ihre Wahl jederzeit über „Cookie-Einstellungen“ ändern.",
            "Alle akzeptieren", "Alle ablehnen", "Anpassen", "Auswahl speichern", "Schließen und ablehnen", "Cookie-Einstellungen", "Immer aktiv",
            "Cookies", "Anbieter", "Datenschutzerklärung", "Tag", "Tage", "Monat", "Monate", "Sitzung",
            "Durch das Global-Privacy-Control-Signal Ihres Browsers abgelehnt.",
        ],
        ["es"] =
        [
            "Usamos cookies",
            "Nosotros y nuestros socios usamos cookies para medir la audiencia y mostrarle contenidos adecuados. Puede aceptarlas todas, rechazarlas todas o elegir por finalidad; rechazarlas no cambia nada en el funcionamiento del sitio. Puede cambiar de opinión en cualquier momento desde «Configurar cookies».",
            "Aceptar todo", "Rechazar todo", "Personalizar", "Guardar mis opciones", "Cerrar y rechazar", "Configurar cookies", "Siempre activas",
            "Cookies", "Proveedor", "Política de privacidad", "día", "días", "mes", "meses", "sesión",
            "Rechazado por la señal Global Privacy Control de su navegador.",
        ],
        ["it"] =
        [
            "Utilizziamo i cookie",
            "Noi e i nostri partner utilizziamo i cookie per misurare il pubblico e mostrarti contenuti adatti. Puoi accettarli tutti, rifiutarli tutti o scegliere per finalità; rifiutare non cambia nulla nel funzionamento del sito. Puoi cambiare idea in qualsiasi momento da «Gestisci i cookie».",
            "Accetta tutto", "Rifiuta tutto", "Personalizza", "Salva le mie scelte", "Chiudi e rifiuta", "Gestisci i cookie", "Sempre attivi",
            "Cookie", "Fornitore", "Informativa sulla privacy", "giorno", "giorni", "mese", "mesi", "sessione",
            "Rifiutato dal segnale Global Privacy Control del tuo browser.",
        ],
    };

    public static IReadOnlyList<string> Languages { get; } = [.. ByLanguage.Keys];

    /// <summary>The built-in words for a locale's language, or none for a language the banner does not ship.</summary>
    public static Dictionary<string, string> BuiltIn(string locale) =>
        ByLanguage.TryGetValue(locale.Split('-')[0].ToLowerInvariant(), out var words)
            ? Keys.Zip(words).ToDictionary(p => p.First, p => p.Second)
            : new Dictionary<string, string>();

    /// <summary>Built-in words under the operator's overrides; keys still missing are returned for an error.</summary>
    public static (SortedDictionary<string, string> Texts, List<string> Missing) Resolve(string locale, IReadOnlyDictionary<string, string>? overrides)
    {
        var texts = new SortedDictionary<string, string>(BuiltIn(locale), StringComparer.Ordinal);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            texts[key] = value;
        }

        return (texts, Keys.Where(k => !texts.ContainsKey(k) || string.IsNullOrWhiteSpace(texts[k])).ToList());
    }
}
