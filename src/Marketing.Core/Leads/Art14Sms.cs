namespace Marketing.Leads;

/// <summary>
/// The art. 14 information in an SMS (R52): 160 characters cannot hold controller, purposes, source, rights and opt-out,
/// so the first SMS to a person collected indirectly carries a short notice with the address of a public page that
/// holds them all for the list they came in (<see cref="PagePath"/>); the SMS informs them once it is sent, as the email
/// block does. A person whose source is not an import batch is not informed by SMS (the email notice remains).
/// </summary>
public static class Art14Sms
{
    public const string PagePrefix = "/privacy/sources/";

    /// <summary>The page of a batch: its id only, which names the list, never the person.</summary>
    public static string PagePath(Guid batchId) => $"{PagePrefix}{batchId:N}";

    /// <summary>The batch whose page informs this person, when one can.</summary>
    public static Guid? BatchOf(Person person) =>
        Art14Rules.Owed(person) && Art14Rules.BatchesOf([person.Source]).FirstOrDefault() is var batch && batch != Guid.Empty ? batch : null;

    public static string Notice(string locale, string url) => locale.Split('-')[0].Equals("fr", StringComparison.OrdinalIgnoreCase)
        ? $"Origine de vos données, vos droits : {url}"
        : $"Where we got your number, your rights: {url}";

    /// <summary>The body, then the notice on a line of its own.</summary>
    public static string Append(string body, string locale, string url) => $"{body.TrimEnd()}\n{Notice(locale, url)}";
}
