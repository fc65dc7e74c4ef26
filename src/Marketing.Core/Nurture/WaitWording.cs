using Marketing.Sending;

namespace Marketing.Nurture;

/// <summary>
/// A wait in words, as the builder shows it ("2 days, then at 09:00 in the person's time zone"): one wait step, or a
/// chain of waits that follow each other. English or French; anything unreadable is shown as written, never guessed.
/// </summary>
public static class WaitWording
{
    private sealed record Words(string Day, string Days, string Hour, string Hours, string Minute, string Minutes, string And, string Then,
        string At, string InZone, string On, string Or, string[] DayNames, string Unreadable);

    private static readonly Words English = new("day", "days", "hour", "hours", "minute", "minutes", "and", "then",
        "at", "in the person's time zone", "on", "or",
        ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"], "an unreadable wait");

    private static readonly Words French = new("jour", "jours", "heure", "heures", "minute", "minutes", "et", "puis",
        "à", "dans le fuseau horaire de la personne", "le", "ou",
        ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"], "une attente illisible");

    /// <summary>One wait step: its duration, or the local time (and weekdays) it waits for.</summary>
    public static string Describe(SequenceStep wait, string language) => Describe([wait], language);

    /// <summary>Waits that follow each other, joined by "then" ("puis").</summary>
    public static string Describe(IReadOnlyList<SequenceStep> waits, string language)
    {
        var words = language == "fr" ? French : English;
        return string.Join($", {words.Then} ", waits.Select(w => Part(w, words)));
    }

    private static string Part(SequenceStep wait, Words words)
    {
        if (wait.Duration is not null)
        {
            return WaitTimes.ParseDuration(wait.Duration) is { } duration && duration > TimeSpan.Zero
                ? Duration(duration, words)
                : words == French ? $"{words.Unreadable} « {wait.Duration} »" : $"{words.Unreadable} \u201c{wait.Duration}\u201d";
        }

        if (wait.Until is { } until && WallClock.ParseTime(until.Time) is { } time)
        {
            var text = $"{words.At} {time:HH\\:mm} {words.InZone}";
            var days = (until.Days ?? []).Select(WallClock.ParseDay).ToList();
            if (days.Count > 0 && days.All(d => d is not null))
            {
                var names = days.Distinct().OrderBy(d => ((int)d!.Value + 6) % 7).Select(d => words == French ? $"{words.On} {words.DayNames[(int)d!.Value]}" : words.DayNames[(int)d!.Value]).ToList();
                text += words == French ? $", {List(names, words.Or)}" : $", {words.On} {List(names, words.Or)}";
            }

            return text;
        }

        return words.Unreadable;
    }

    private static string Duration(TimeSpan duration, Words words)
    {
        var parts = new List<string>();
        void Add(int count, string one, string many)
        {
            if (count > 0)
            {
                parts.Add($"{count} {(count == 1 ? one : many)}");
            }
        }

        Add((int)duration.TotalDays, words.Day, words.Days);
        Add(duration.Hours, words.Hour, words.Hours);
        Add(duration.Minutes, words.Minute, words.Minutes);
        return List(parts, words.And);
    }

    private static string List(List<string> items, string last) =>
        items.Count <= 1 ? string.Concat(items) : $"{string.Join(", ", items.Take(items.Count - 1))} {last} {items[^1]}";
}
