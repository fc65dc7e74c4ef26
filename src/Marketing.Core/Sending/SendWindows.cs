using System.Globalization;

namespace Marketing.Sending;

/// <summary>
/// When a kind of message may leave, in the recipient's local time: days of the week, hours, and whether the
/// regime's public holidays are closed. <c>To</c> of 24:00 is written as <see cref="TimeOnly.MaxValue"/>.
/// </summary>
public sealed record SendWindow(string Regime, string Channel, IReadOnlySet<string> MessageTypes, IReadOnlySet<DayOfWeek> Days,
    TimeOnly From, TimeOnly To, HolidayCalendar? Holidays)
{
    /// <summary>"Mon-Sat", "Mon,Wed,Fri", "Mon-Sun".</summary>
    public static IReadOnlySet<DayOfWeek> ParseDays(string text)
    {
        DayOfWeek Day(string name) => WallClock.ParseDay(name.Trim()[..Math.Min(3, name.Trim().Length)])
            ?? throw new FormatException($"'{name.Trim()}' is not a day of the week (Mon, Tue, …)");
        var days = new HashSet<DayOfWeek>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split('-');
            if (range.Length == 1)
            {
                days.Add(Day(range[0]));
                continue;
            }

            for (var d = Day(range[0]); ; d = (DayOfWeek)(((int)d + 1) % 7))
            {
                days.Add(d);
                if (d == Day(range[1]))
                {
                    break;
                }
            }
        }

        return days.Count > 0 ? days : throw new FormatException("names no day");
    }

    public static TimeOnly ParseTime(string text) =>
        text.Trim() == "24:00" ? TimeOnly.MaxValue
        : WallClock.ParseTime(text.Trim()) ?? throw new FormatException($"'{text}' is not a time of day such as 08:00");
}

/// <summary>At most <c>Count</c> marketing messages per person on a channel in any rolling <c>Period</c>.</summary>
public sealed record FrequencyCap(int Count, TimeSpan Period)
{
    /// <summary>"3/7d", "1/12h".</summary>
    public static FrequencyCap Parse(string text)
    {
        var parts = text.Trim().Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1
            && parts[1].Length >= 2 && int.TryParse(parts[1][..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount >= 1)
        {
            switch (parts[1][^1])
            {
                case 'd': return new FrequencyCap(count, TimeSpan.FromDays(amount));
                case 'h': return new FrequencyCap(count, TimeSpan.FromHours(amount));
            }
        }

        throw new FormatException($"'{text}' is not a cap such as 3/7d (messages / days or hours)");
    }

    /// <summary>
    /// Which of <paramref name="messages"/> must wait, and until when: taken in due order, each counts against the cap as if
    /// sent <paramref name="now"/>, beside the times in the rolling period that <paramref name="earlier"/> counts per person
    /// (sent, or held by another pass). A held message waits until the oldest counted message it would exceed leaves the period (R63).
    /// </summary>
    public Dictionary<Guid, DateTimeOffset> Holds(IEnumerable<SendRecord> messages, ILookup<Guid, DateTimeOffset> earlier, DateTimeOffset now)
    {
        var held = new Dictionary<Guid, DateTimeOffset>();
        var counted = new Dictionary<Guid, List<DateTimeOffset>>();
        foreach (var message in messages.OrderBy(r => r.DueAt))
        {
            if (!counted.TryGetValue(message.PersonId, out var times))
            {
                counted[message.PersonId] = times = [.. earlier[message.PersonId].Where(t => t >= now - Period).Order()];
            }

            if (times.Count < Count)
            {
                // Counts toward the cap for the rest of this batch, as if already sent.
                times.Add(now);
                times.Sort();
                continue;
            }

            held[message.Id] = times[times.Count - Count] + Period;
        }

        return held;
    }
}

/// <summary>The windows, caps and fallback time zones in force, as configured.</summary>
public sealed class SendPolicy(IReadOnlyList<SendWindow> windows, IReadOnlyDictionary<string, FrequencyCap> caps, IReadOnlyDictionary<string, string> defaultTimeZones)
{
    public static SendPolicy None { get; } = new([], new Dictionary<string, FrequencyCap>(), new Dictionary<string, string>());

    public IReadOnlyDictionary<string, FrequencyCap> Caps => caps;

    /// <summary>A regime's windows apply to its B2B variant too: "fr-b2b" is held like "fr".</summary>
    public static string Jurisdiction(string regime) => regime.EndsWith("-b2b", StringComparison.Ordinal) ? regime[..^4] : regime;

    /// <summary>
    /// The person's own zone when it is a known IANA id; else the zone of their phone number when it has only one
    /// (a Guadeloupe number is not on Paris time); else the regime's default, else UTC.
    /// </summary>
    public TimeZoneInfo ZoneFor(string? personZone, string regime, string? phone = null) =>
        ZonesFor(personZone, regime, phone) is [var only] ? only : RegimeZone(regime);

    /// <summary>
    /// Where the recipient may be. Without a stated zone, the phone number's zones: one for most numbers, several
    /// for a number that does not pin a place (a US number by area code can, a country-wide one cannot). A window
    /// then has to be open in all of them (R63: the most restrictive).
    /// </summary>
    public IReadOnlyList<TimeZoneInfo> ZonesFor(string? personZone, string regime, string? phone = null)
    {
        if (personZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(personZone, out var own))
        {
            return [own];
        }

        if (PhoneZones(phone) is { Count: > 0 } byNumber)
        {
            return byNumber;
        }

        return [RegimeZone(regime)];
    }

    private TimeZoneInfo RegimeZone(string regime) =>
        defaultTimeZones.TryGetValue(Jurisdiction(regime), out var id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone : TimeZoneInfo.Utc;

    private static readonly PhoneNumbers.PhoneNumberUtil Numbers = PhoneNumbers.PhoneNumberUtil.GetInstance();

    private static List<TimeZoneInfo> PhoneZones(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return [];
        }

        try
        {
            var number = Numbers.Parse(phone, null);
            return [.. PhoneNumbers.PhoneNumberToTimeZonesMapper.GetInstance().GetTimeZonesForNumber(number)
                .Select(id => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null)
                .Where(zone => zone is not null).Select(zone => zone!).DistinctBy(zone => zone.Id)];
        }
        catch (PhoneNumbers.NumberParseException)
        {
            return [];
        }
    }

    /// <summary>
    /// Null when a message of this kind may leave at <paramref name="now"/>; otherwise the start of the next slot
    /// every applicable window allows (R59, R63): messages are deferred, never dropped.
    /// </summary>
    /// <summary>Whether any window holds messages of this kind: when none does, nobody's time zone needs working out.</summary>
    public bool Windows(string regime, string channel, string messageType) => Applicable(regime, channel, messageType).Count > 0;

    private List<SendWindow> Applicable(string regime, string channel, string messageType) =>
        windows.Where(w => w.Regime == Jurisdiction(regime) && w.Channel == channel && w.MessageTypes.Contains(messageType)).ToList();

    public DateTimeOffset? NextSlot(string regime, string channel, string messageType, TimeZoneInfo zone, DateTimeOffset now) =>
        NextSlot(regime, channel, messageType, [zone], now);

    /// <summary>The same when the recipient may be in any of <paramref name="zones"/>: the slot must be open in every one.</summary>
    public DateTimeOffset? NextSlot(string regime, string channel, string messageType, IReadOnlyList<TimeZoneInfo> zones, DateTimeOffset now)
    {
        var applicable = Applicable(regime, channel, messageType);
        if (applicable.Count == 0)
        {
            return null;
        }

        var candidate = now;
        // Each window moves the candidate forward to its own next opening; repeat until all agree. Bounded: a year of days.
        for (var round = 0; round < 400; round++)
        {
            var moved = false;
            foreach (var (window, zone) in applicable.SelectMany(w => zones.Select(z => (w, z))))
            {
                var next = NextOpening(window, zone, candidate);
                if (next != candidate)
                {
                    candidate = next;
                    moved = true;
                }
            }

            if (!moved)
            {
                return candidate == now ? null : candidate;
            }
        }

        throw new InvalidOperationException($"no window for {regime}/{channel}/{messageType} opens within a year");
    }

    private static DateTimeOffset NextOpening(SendWindow window, TimeZoneInfo zone, DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        for (var offset = 0; offset < 400; offset++)
        {
            var day = today.AddDays(offset);
            if (!window.Days.Contains(day.DayOfWeek) || window.Holidays?.IsHoliday(day) == true)
            {
                continue;
            }

            if (offset == 0 && time >= window.From && (window.To == TimeOnly.MaxValue || time < window.To))
            {
                return at;
            }

            if (offset > 0 || time < window.From)
            {
                return WallClock.ToInstant(day.ToDateTime(window.From), zone);
            }
        }

        throw new InvalidOperationException("the window never opens");
    }
}
