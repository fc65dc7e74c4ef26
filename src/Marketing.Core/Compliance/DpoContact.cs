namespace Marketing.Compliance;

/// <summary>
/// The DPO's contact as the settings give it (R46), or why none is designated. Read it wherever the contact is owed:
/// the register (R42), breach notification drafts (R50) and replies to data-subject requests.
/// </summary>
public sealed record DpoContact(string? Name, string? Email, string? Phone, string? Address, string? NotDesignatedReason)
{
    public static DpoContact NotDeclared { get; } = new(null, null, null, null, null);

    public bool Designated => !string.IsNullOrWhiteSpace(Name);

    /// <summary>The contact in one line, in English or French ("fr"), with the reason when no DPO is designated.</summary>
    public string Describe(string language)
    {
        var french = language == "fr";
        if (Designated)
        {
            return string.Join(", ", new[] { Name, Email, Phone, Address }.Where(p => !string.IsNullOrWhiteSpace(p)));
        }

        return !string.IsNullOrWhiteSpace(NotDesignatedReason)
            ? (french ? "Aucun DPO désigné : " : "No DPO designated: ") + NotDesignatedReason
            : french ? "Aucun DPO désigné : aucune raison n'est donnée dans les réglages (Marketing:Dpo:NotDesignatedReason)"
                : "No DPO designated: no reason is given in the settings (Marketing:Dpo:NotDesignatedReason)";
    }
}
