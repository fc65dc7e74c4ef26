using System.Text.RegularExpressions;
using Marketing.Leads;

namespace Marketing.Sending;

/// <summary>
/// What a marketer states about a campaign, carried on each of its send records, for the gate to weigh.
/// </summary>
public static class SendAttestations
{
    /// <summary><c>true</c>: the message relates to the recipients' profession, as B2B prospecting on legitimate interest needs (R4).</summary>
    public const string RelevantToRole = "relevant_to_role";
    /// <summary>A product category: the message offers products analogous to those of orders in it (the customer exception, R3).</summary>
    public const string AnalogousTo = "analogous_to";
    /// <summary><c>true</c>: the one re-permission message to a person in retention_expiring, set by the retention job only (R19, R40).</summary>
    public const string Repermission = "repermission";

    private static readonly Regex CategoryShape = new("^[a-z0-9][a-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant);

    public static bool IsCategory(string? value) => value is not null && CategoryShape.IsMatch(value);

    /// <summary>What a request is told when a category is not one.</summary>
    public const string CategoryRule = "must be a product category such as 'running-shoes': lowercase letters, digits, '-', '_' or '.', at most 64";

    /// <summary>The data entries a send record carries for these statements.</summary>
    public static void Apply(Dictionary<string, string> data, bool? relevantToRole, string? analogousTo)
    {
        if (relevantToRole is { } relevant)
        {
            data[RelevantToRole] = relevant ? "true" : "false";
        }

        if (analogousTo is not null)
        {
            data[AnalogousTo] = analogousTo;
        }
    }
}

/// <summary>
/// The rules of prospecting without consent: B2B on legitimate interest (R4) and the customer exception (R3, R7,
/// R8). Generic mailboxes (<c>contact@</c>, <c>info@</c>…) are a company's, not a person's: labelled
/// <c>legal_person_address</c>, they need no role, but the suppression list still applies to them.
/// </summary>
public sealed class ProspectingRules(string genericMailboxPattern)
{
    public const string DefaultGenericMailboxPattern =
        "^(contact|info|infos|hello|bonjour|sales|ventes|commercial|office|admin|support|accueil|service|team|equipe|marketing|"
        + "compta|comptabilite|accounting|billing|facturation|rh|hr|jobs|recrutement|reception|secretariat)@";

    /// <summary>Attributes that say what a business contact does; R4 needs one of them.</summary>
    public static IReadOnlyList<string> RoleAttributes { get; } = ["role", "job_title", "industry"];

    private readonly Regex _genericMailbox = new(genericMailboxPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    public static ProspectingRules Default { get; } = new(DefaultGenericMailboxPattern);

    public bool IsLegalPersonAddress(string? email) => email is not null && _genericMailbox.IsMatch(email);

    public static bool HasRole(Person person) =>
        RoleAttributes.Any(key => person.Attributes.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value));

    /// <summary>France and the EU's business prospecting: informed, free to object, and relevant to the job (R4).</summary>
    public static bool NeedsRelevance(string regime) => regime is "fr-b2b" or "eu-b2b";

    /// <summary>Where ePrivacy's customer exception (art. 13(2)) carries email and SMS without consent: the EU, France, Germany (§ 7(3) UWG), the UK's soft opt-in.</summary>
    public static bool CustomerExceptionApplies(string regime) =>
        regime is "fr" or "fr-b2b" or "eu" or "eu-b2b" or "de" or "de-b2b" or "uk" or "uk-b2b";
}
