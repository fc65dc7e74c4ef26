using Marketing.Compliance;

namespace Marketing.Server.Compliance;

/// <summary>The words of the erasure page (R38), in each language.</summary>
public sealed class ErasureTexts
{
    public required Func<string, string> Title { get; init; }
    public required string Warning { get; init; }
    public required string WhatGoes { get; init; }
    public required string Ground { get; init; }
    public required string GroundHint { get; init; }
    public required string ChooseGround { get; init; }
    public required string GroundMissing { get; init; }
    public required string Confirm { get; init; }
    public required string ConfirmMissing { get; init; }
    public required string Erase { get; init; }
    public required string Cancel { get; init; }
    public required string ErasedTitle { get; init; }
    public required Func<DateTimeOffset, string, string, string> ErasedOn { get; init; }
    public required string CountsCaption { get; init; }
    public required string Table { get; init; }
    public required string Rows { get; init; }
    public required string Held { get; init; }
    public required string Scan { get; init; }
    public required string ScanClean { get; init; }
    public required string ScanFound { get; init; }
    public required string BackToPerson { get; init; }
    public required Func<DateTimeOffset, string> ErasedNotice { get; init; }
    public required Func<string, string> GroundName { get; init; }

    public static ErasureTexts English { get; } = new()
    {
        Title = who => $"Erase {who}",
        Warning = "Erasure cannot be undone. The person's identifiers and everything they wrote go from every table; their address is kept only as a keyed hash, so it gets no marketing again unless its owner confirms a fresh consent, and their consent history stays as verifiable tombstones.",
        WhatGoes = "Records under a legal hold are moved to the restricted archive, which only the DPO can read.",
        Ground = "Ground",
        GroundHint = "The reason the law gives for this erasure (GDPR art. 17).",
        ChooseGround = "Choose a ground",
        GroundMissing = "Choose the ground of the erasure",
        Confirm = "I understand that this erasure cannot be undone",
        ConfirmMissing = "Confirm that you understand the erasure cannot be undone",
        Erase = "Erase this person",
        Cancel = "Cancel",
        ErasedTitle = "Erasure report",
        ErasedOn = (at, actor, ground) => $"Erased on {at:yyyy-MM-dd HH:mm} UTC by {actor}, ground: {ground}.",
        CountsCaption = "Rows removed or anonymised, per table",
        Table = "Table",
        Rows = "Rows",
        Held = "Records kept under a legal hold",
        Scan = "Scan of every table after the erasure",
        ScanClean = "none found",
        ScanFound = "identifiers still found",
        BackToPerson = "Back to the person",
        ErasedNotice = at => $"Erased on {at:yyyy-MM-dd HH:mm} UTC: read the erasure report",
        GroundName = ground => ground switch
        {
            ErasureGrounds.ConsentWithdrawn => "Consent withdrawn, no other basis",
            ErasureGrounds.Objection => "Objection to the processing",
            ErasureGrounds.NoLongerNecessary => "No longer necessary",
            ErasureGrounds.UnlawfulProcessing => "Unlawful processing",
            ErasureGrounds.LegalObligation => "Legal obligation to erase",
            ErasureGrounds.RetentionExpired => "Retention period ended",
            _ => ground,
        },
    };

    public static ErasureTexts French { get; } = new()
    {
        Title = who => $"Effacer {who}",
        Warning = "L'effacement est définitif. Les identifiants de la personne et tout ce qu'elle a écrit disparaissent de toutes les tables ; son adresse n'est gardée que sous forme d'empreinte à clé, et ne reçoit plus de prospection sauf nouveau consentement confirmé par son titulaire, et l'historique de ses consentements reste sous forme de pierres tombales vérifiables.",
        WhatGoes = "Les enregistrements sous conservation légale sont déplacés dans l'archive restreinte, que seul le DPO peut lire.",
        Ground = "Motif",
        GroundHint = "La raison que donne la loi pour cet effacement (RGPD art. 17).",
        ChooseGround = "Choisir un motif",
        GroundMissing = "Choisissez le motif de l'effacement",
        Confirm = "Je comprends que cet effacement est définitif",
        ConfirmMissing = "Confirmez que vous comprenez que l'effacement est définitif",
        Erase = "Effacer cette personne",
        Cancel = "Annuler",
        ErasedTitle = "Rapport d'effacement",
        ErasedOn = (at, actor, ground) => $"Effacée le {at:yyyy-MM-dd HH:mm} UTC par {actor}, motif : {ground}.",
        CountsCaption = "Lignes supprimées ou anonymisées, par table",
        Table = "Table",
        Rows = "Lignes",
        Held = "Enregistrements gardés sous conservation légale",
        Scan = "Recherche dans toutes les tables après l'effacement",
        ScanClean = "rien trouvé",
        ScanFound = "des identifiants restent",
        BackToPerson = "Retour à la personne",
        ErasedNotice = at => $"Effacée le {at:yyyy-MM-dd HH:mm} UTC : lire le rapport d'effacement",
        GroundName = ground => ground switch
        {
            ErasureGrounds.ConsentWithdrawn => "Consentement retiré, sans autre base",
            ErasureGrounds.Objection => "Opposition au traitement",
            ErasureGrounds.NoLongerNecessary => "Plus nécessaire",
            ErasureGrounds.UnlawfulProcessing => "Traitement illicite",
            ErasureGrounds.LegalObligation => "Obligation légale d'effacer",
            ErasureGrounds.RetentionExpired => "Durée de conservation écoulée",
            _ => ground,
        },
    };
}
