namespace Marketing.Leads;

/// <summary>
/// The time zone a person's wall clock follows: their own when known (sent by the form widget, or set by an
/// admin), otherwise the usual zone of their regime, so that "09:00" never means 09:00 UTC by accident.
/// </summary>
public static class LocalZones
{
    private static readonly Dictionary<string, string> ByJurisdiction = new(StringComparer.Ordinal)
    {
        ["fr"] = "Europe/Paris",
        ["de"] = "Europe/Berlin",
        ["uk"] = "Europe/London",
        ["eu"] = "Europe/Brussels",
        ["us"] = "America/New_York",
        ["ca"] = "America/Toronto",
    };

    public static TimeZoneInfo Of(Person person) =>
        Find(person.TimeZone) ?? Find(ByJurisdiction.GetValueOrDefault(person.Regime.Split('-')[0])) ?? TimeZoneInfo.Utc;

    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
