using Marketing.Consent;
using Marketing.Leads;

namespace Marketing.Capture;

/// <summary>
/// What a submission says about the person besides identifiers, kept on the submission. It describes the person the
/// submission created at once; a stored person takes it only when they confirm that submission (invariant 7).
/// </summary>
/// <param name="Country">The country given on the form, if any.</param>
/// <param name="FormRegion">The form's default region: the country when none is given or stored.</param>
public sealed record SubmittedProfile(
    Dictionary<string, string> Attributes, string Locale, string? TimeZone, string? Country, string FormRegion, bool Business)
{
    public static SubmittedProfile Of(AcceptedSubmission s) =>
        new(new Dictionary<string, string>(s.Attributes), s.Locale, s.TimeZone, s.Country, s.Form.DefaultRegion, s.Form.Business);

    public void ApplyTo(Person person, DateTimeOffset at)
    {
        // A new dictionary: the column is JSON, and a replaced value is surely seen as a change.
        var attributes = new Dictionary<string, string>(person.Attributes);
        foreach (var (name, value) in Attributes)
        {
            attributes[name] = value;
        }

        person.Attributes = attributes;
        person.Locale = Locale;
        person.TimeZone = TimeZone ?? person.TimeZone;
        person.Country = Country ?? person.Country ?? FormRegion;
        person.Business = Business;
        person.Regime = Regimes.Resolve(person.Country, person.Business);
        person.UpdatedAt = at;
    }
}
