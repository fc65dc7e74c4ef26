using Marketing.Channels.Email;

namespace Marketing.Server.Channels;

/// <summary>The words of Settings → Sending domains and Settings → Channels, in each language.</summary>
public sealed class ChannelsTexts
{
    public required string DomainsTitle { get; init; }
    public required string DomainsIntro { get; init; }
    public required Func<int, string> Threshold { get; init; }
    public required string CheckNow { get; init; }
    public required string Checked { get; init; }
    public required Func<string, string> LastChecked { get; init; }
    public required string NeverChecked { get; init; }
    public required Func<string, string> DomainCaption { get; init; }
    public required string Check { get; init; }
    public required string Result { get; init; }
    public required string Found { get; init; }
    public required string Holds { get; init; }
    public required string Fails { get; init; }
    public required Func<string, string> Inconclusive { get; init; }
    public required Func<string, string> StateName { get; init; }
    public required Func<string, string> CheckName { get; init; }

    public required string ChannelsTitle { get; init; }
    public required string ChannelsIntro { get; init; }
    public required string On { get; init; }
    public required string Off { get; init; }
    public required Func<string, string> TurnedOnBy { get; init; }
    public required Func<string, string> ChannelName { get; init; }
    public required Func<string, string> OffReason { get; init; }
    public required Func<string, string> FactName { get; init; }
    public required Func<string, string> FactValue { get; init; }

    public static ChannelsTexts English { get; } = new()
    {
        DomainsTitle = "Sending domains",
        DomainsIntro = "Bulk senders must authenticate their mail (R67): SPF that authorises the relay, a DKIM key that verifies, a DMARC policy, and From aligned with DKIM or SPF. Checked every day at 04:00 UTC, and now when you ask.",
        Threshold = n => $"Until a domain passes, it may send {n} marketing emails in 24 hours; a domain whose check regressed sends no marketing until it passes again.",
        CheckNow = "Check now",
        Checked = "The domains were checked.",
        LastChecked = at => $"Last checked {at} UTC",
        NeverChecked = "Never checked",
        DomainCaption = domain => $"Checks of {domain}",
        Check = "Check",
        Result = "Result",
        Found = "What was found",
        Holds = "Holds",
        Fails = "Fails",
        Inconclusive = why => $"DNS did not answer, so nothing changed: {why}",
        StateName = state => state switch
        {
            CheckSendingDomains.States.Verified => "Verified",
            CheckSendingDomains.States.Failing => "Failing",
            CheckSendingDomains.States.Regressed => "Regressed: marketing held",
            CheckSendingDomains.States.Inconclusive => "Inconclusive",
            _ => "Not checked yet",
        },
        CheckName = name => name switch
        {
            "spf" => "SPF",
            "dkim" => "DKIM",
            "dmarc" => "DMARC",
            "alignment" => "Alignment",
            _ => name,
        },
        ChannelsTitle = "Channels",
        ChannelsIntro = "How mail and SMS leave and how reports come back, as this node started with its settings. Passwords and tokens are never shown, only whether they are set.",
        On = "On",
        Off = "Off",
        TurnedOnBy = setting => $"Setting: {setting}",
        ChannelName = key => key switch
        {
            ChannelStates.Keys.Smtp => "Email relay (SMTP)",
            ChannelStates.Keys.Dkim => "DKIM signing",
            ChannelStates.Keys.Twilio => "SMS (Twilio)",
            ChannelStates.Keys.Mailbox => "Bounce and complaint mailbox (IMAP)",
            _ => "Bounce and complaint webhook",
        },
        OffReason = reason => reason switch
        {
            ChannelStates.OffReasons.Outbox => "No SMTP host is set: mail is written to the outbox directory instead of being delivered.",
            ChannelStates.OffReasons.Queued => "No SMTP host is set and the outbox is off: mail waits, queued, until a relay is configured.",
            ChannelStates.OffReasons.NoDkim => "No DKIM key is set: mail leaves unsigned, and the sending domain’s check cannot pass.",
            ChannelStates.OffReasons.NoTwilioAccount => "No Twilio account is set: SMS wait, queued.",
            ChannelStates.OffReasons.NoMailboxHost => "No mailbox host is set: bounces and complaints arrive only through the webhook, if it is on.",
            _ => "No token is set: the webhook refuses every report.",
        },
        FactName = name => name switch
        {
            "host" => "Server",
            "security" => "Security",
            "username" => "User name",
            "password" => "Password",
            "connections" => "Connections",
            "from" => "From",
            "outbox" => "Outbox directory",
            "domain" => "Domain",
            "selector" => "Selector",
            "account" => "Account",
            "auth_token" => "Auth token",
            "messaging_service" => "Messaging service",
            "api" => "API address",
            "folder" => "Folder",
            "token" => "Token",
            _ => name,
        },
        FactValue = value => value switch
        {
            ChannelStates.SetValue => "set",
            ChannelStates.NotSetValue => "not set",
            _ => value,
        },
    };

    public static ChannelsTexts French { get; } = new()
    {
        DomainsTitle = "Domaines d’envoi",
        DomainsIntro = "Les expéditeurs en nombre doivent authentifier leurs messages (R67) : un SPF qui autorise le relais, une clé DKIM qui vérifie, une politique DMARC, et un From aligné sur DKIM ou SPF. Vérifié chaque jour à 04:00 UTC, et maintenant si vous le demandez.",
        Threshold = n => $"Tant qu’un domaine n’a pas passé la vérification, il peut envoyer {n} e-mails marketing par 24 heures ; un domaine dont la vérification a régressé n’envoie plus de marketing jusqu’à ce qu’elle passe de nouveau.",
        CheckNow = "Vérifier maintenant",
        Checked = "Les domaines ont été vérifiés.",
        LastChecked = at => $"Dernière vérification le {at} UTC",
        NeverChecked = "Jamais vérifié",
        DomainCaption = domain => $"Vérifications de {domain}",
        Check = "Vérification",
        Result = "Résultat",
        Found = "Ce qui a été trouvé",
        Holds = "Conforme",
        Fails = "Non conforme",
        Inconclusive = why => $"Le DNS n’a pas répondu, rien n’a changé : {why}",
        StateName = state => state switch
        {
            CheckSendingDomains.States.Verified => "Vérifié",
            CheckSendingDomains.States.Failing => "Non conforme",
            CheckSendingDomains.States.Regressed => "En régression : marketing retenu",
            CheckSendingDomains.States.Inconclusive => "Sans réponse",
            _ => "Pas encore vérifié",
        },
        CheckName = name => name switch
        {
            "spf" => "SPF",
            "dkim" => "DKIM",
            "dmarc" => "DMARC",
            "alignment" => "Alignement",
            _ => name,
        },
        ChannelsTitle = "Canaux",
        ChannelsIntro = "Comment les e-mails et les SMS partent et comment les rapports reviennent, selon les réglages avec lesquels ce nœud a démarré. Les mots de passe et jetons ne sont jamais montrés, seulement s’ils sont définis.",
        On = "Actif",
        Off = "Inactif",
        TurnedOnBy = setting => $"Réglage : {setting}",
        ChannelName = key => key switch
        {
            ChannelStates.Keys.Smtp => "Relais e-mail (SMTP)",
            ChannelStates.Keys.Dkim => "Signature DKIM",
            ChannelStates.Keys.Twilio => "SMS (Twilio)",
            ChannelStates.Keys.Mailbox => "Boîte des rejets et plaintes (IMAP)",
            _ => "Webhook des rejets et plaintes",
        },
        OffReason = reason => reason switch
        {
            ChannelStates.OffReasons.Outbox => "Aucun serveur SMTP n’est défini : les e-mails sont écrits dans le dossier d’envoi local au lieu d’être remis.",
            ChannelStates.OffReasons.Queued => "Aucun serveur SMTP n’est défini et le dossier d’envoi est désactivé : les e-mails attendent jusqu’à ce qu’un relais soit configuré.",
            ChannelStates.OffReasons.NoDkim => "Aucune clé DKIM n’est définie : les e-mails partent sans signature, et la vérification du domaine ne peut pas passer.",
            ChannelStates.OffReasons.NoTwilioAccount => "Aucun compte Twilio n’est défini : les SMS attendent.",
            ChannelStates.OffReasons.NoMailboxHost => "Aucune boîte n’est définie : les rejets et plaintes n’arrivent que par le webhook, s’il est actif.",
            _ => "Aucun jeton n’est défini : le webhook refuse tous les rapports.",
        },
        FactName = name => name switch
        {
            "host" => "Serveur",
            "security" => "Sécurité",
            "username" => "Identifiant",
            "password" => "Mot de passe",
            "connections" => "Connexions",
            "from" => "Expéditeur",
            "outbox" => "Dossier d’envoi local",
            "domain" => "Domaine",
            "selector" => "Sélecteur",
            "account" => "Compte",
            "auth_token" => "Jeton d’authentification",
            "messaging_service" => "Service de messagerie",
            "api" => "Adresse de l’API",
            "folder" => "Dossier",
            "token" => "Jeton",
            _ => name,
        },
        FactValue = value => value switch
        {
            ChannelStates.SetValue => "défini",
            ChannelStates.NotSetValue => "non défini",
            _ => value,
        },
    };
}
