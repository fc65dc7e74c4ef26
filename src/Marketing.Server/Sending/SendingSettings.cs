using Marketing.Server.Hosting;

namespace Marketing.Server.Sending;

/// <summary>When messages may leave: windows in the recipient's local time, and caps per person and channel (R59, R63).</summary>
public sealed class SendingSettings
{
    public const string Section = "Marketing:Sending";

    /// <summary>
    /// How long a dispatch pass holds the messages it claimed; renewed every third of it while the pass runs. When a node
    /// stops, its claims are taken over this long after its last renewal.
    /// </summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>The zone of a person without a known time zone, per regime (its B2B variant included).</summary>
    public Dictionary<string, string> DefaultTimeZones { get; set; } = new()
    {
        ["fr"] = "Europe/Paris", ["us"] = "America/New_York", ["de"] = "Europe/Berlin", ["uk"] = "Europe/London",
        ["eu"] = "Europe/Brussels", ["ca"] = "America/Toronto",
    };

    /// <summary>Named windows; an operator changes one by its name, or switches it off with Enabled=false.</summary>
    public Dictionary<string, WindowSettings> Windows { get; set; } = new()
    {
        // Operators' and industry rule for France (R59): Monday to Saturday 08:00–20:00, never on a public holiday.
        ["fr-sms-marketing"] = new() { Regime = "fr", Channel = "sms", Days = "Mon-Sat", From = "08:00", To = "20:00", Holidays = "fr" },
        // TCPA quiet hours (R63): 08:00–21:00 at the called party's location.
        ["us-sms-marketing"] = new() { Regime = "us", Channel = "sms", Days = "Mon-Sun", From = "08:00", To = "21:00" },
    };

    /// <summary>Holiday calendars by name; <c>fr</c> always holds France's eleven days, Extra adds more (MM-dd, yyyy-MM-dd, easter+N).</summary>
    public Dictionary<string, HolidaySettings> Holidays { get; set; } = new() { ["fr"] = new() };

    /// <summary>Per channel, e.g. <c>sms = "3/7d"</c>; empty for none.</summary>
    public Dictionary<string, string> Caps { get; set; } = new() { ["sms"] = "3/7d" };

    /// <summary>Addresses that are a company's mailbox, not a person's (R4): a regular expression over the whole address.</summary>
    public string GenericMailboxPattern { get; set; } = Marketing.Sending.ProspectingRules.DefaultGenericMailboxPattern;

    /// <summary>The windows, caps and fallback zones as the engine applies them; stops the start, naming the setting, at a value it cannot use.</summary>
    public Marketing.Sending.SendPolicy ToPolicy()
    {
        var sending = this;
        Setting.Require(LeaseSeconds is >= 5 and <= 3600, $"{Section}:LeaseSeconds", "must be between 5 and 3600");
        Setting.Require(Setting.IsRegex(sending.GenericMailboxPattern), $"{Section}:GenericMailboxPattern", "must be a regular expression, e.g. ^(contact|info)@");
        foreach (var (regime, zone) in sending.DefaultTimeZones)
        {
            Setting.Require(TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _), $"{Section}:DefaultTimeZones:{regime}", $"'{zone}' is not an IANA time zone such as Europe/Paris");
        }

        var calendars = new Dictionary<string, Marketing.Sending.HolidayCalendar>();
        foreach (var (name, holidays) in sending.Holidays)
        {
            try
            {
                calendars[name] = new Marketing.Sending.HolidayCalendar((name == "fr" ? Marketing.Sending.HolidayCalendar.France : []).Concat(holidays.Extra));
            }
            catch (FormatException e)
            {
                throw new StartupException($"invalid setting {Section}:Holidays:{name}:Extra: {e.Message}");
            }
        }

        var windows = new List<Marketing.Sending.SendWindow>();
        foreach (var (name, w) in sending.Windows.Where(w => w.Value.Enabled))
        {
            var at = $"{Section}:Windows:{name}";
            Setting.Require(Marketing.Consent.Regimes.All.Contains(w.Regime), $"{at}:Regime", $"must be one of: {string.Join(", ", Marketing.Consent.Regimes.All)}");
            Setting.Require(w.Channel is "sms" or "email", $"{at}:Channel", "must be sms or email");
            var types = w.MessageTypes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
            Setting.Require(types.Count > 0 && types.All(Marketing.Sending.MessageTypes.All.Contains), $"{at}:MessageTypes", $"must list some of: {string.Join(", ", Marketing.Sending.MessageTypes.All)}");
            Setting.Require(w.Holidays is null || calendars.ContainsKey(w.Holidays), $"{at}:Holidays", $"names no calendar of {Section}:Holidays");
            try
            {
                var from = Marketing.Sending.SendWindow.ParseTime(w.From);
                var to = Marketing.Sending.SendWindow.ParseTime(w.To);
                Setting.Require(from < to, $"{at}:To", "must be later than From");
                windows.Add(new Marketing.Sending.SendWindow(w.Regime, w.Channel, types, Marketing.Sending.SendWindow.ParseDays(w.Days), from, to,
                    w.Holidays is null ? null : calendars[w.Holidays]));
            }
            catch (FormatException e)
            {
                throw new StartupException($"invalid setting {at}: {e.Message}");
            }
        }

        var caps = new Dictionary<string, Marketing.Sending.FrequencyCap>();
        foreach (var (channel, cap) in sending.Caps.Where(c => !string.IsNullOrWhiteSpace(c.Value)))
        {
            try
            {
                caps[channel] = Marketing.Sending.FrequencyCap.Parse(cap);
            }
            catch (FormatException e)
            {
                throw new StartupException($"invalid setting {Section}:Caps:{channel}: {e.Message}");
            }
        }

        return new Marketing.Sending.SendPolicy(windows, caps, sending.DefaultTimeZones);
    }
}

public sealed class WindowSettings
{
    public bool Enabled { get; set; } = true;
    public string Regime { get; set; } = "";
    public string Channel { get; set; } = "";
    /// <summary>Comma-separated; transactional and confirmation messages are not held unless listed (R60).</summary>
    public string MessageTypes { get; set; } = "marketing";
    public string Days { get; set; } = "Mon-Sun";
    public string From { get; set; } = "00:00";
    public string To { get; set; } = "24:00";
    /// <summary>A calendar of Marketing:Sending:Holidays whose days are closed.</summary>
    public string? Holidays { get; set; }
}

public sealed class HolidaySettings
{
    /// <summary>E.g. Alsace-Moselle: <c>easter-2</c> (Good Friday) and <c>12-26</c>.</summary>
    public List<string> Extra { get; set; } = [];
}
