namespace Marketing.Leads;

/// <summary>
/// R39: while a person's processing is restricted their data is only stored; the DPO alone reads it. Everyone else sees
/// that the person exists and is restricted (so nobody re-enters them), without their identifiers, attributes or history.
/// </summary>
public static class RestrictedReads
{
    public static bool MayRead(bool restricted, bool dpo) => !restricted || dpo;

    /// <summary>The person as shown to a reader who may not read them: personal fields blanked on this (untracked) copy.</summary>
    public static Person Conceal(Person person)
    {
        person.Email = null;
        person.Phone = null;
        person.Attributes = [];
        person.Locale = null;
        person.TimeZone = null;
        person.Country = null;
        return person;
    }
}
