using Marketing.Sending;

namespace Marketing.Leads;

/// <summary>What the daily art. 14 pass does for one person on a given day (R52).</summary>
public sealed record Art14Due(bool SendNotice, bool Warn)
{
    public static Art14Due Nothing { get; } = new(false, false);
}

/// <summary>
/// The days of the art. 14 month (R52, GDPR art. 14(3)): a person whose data came from someone else is told at their
/// first message, or by a dedicated notice queued from <see cref="NoticeDay"/> (time for retries before day 30), and
/// is named in a warning from <see cref="WarnDay"/> while still not told. After <see cref="GateRules.Art14Days"/> the
/// gate blocks marketing to them.
/// </summary>
public static class Art14Rules
{
    public const int NoticeDay = 21;
    public const int WarnDay = 25;

    /// <summary>Whether the person is still owed the art. 14 information.</summary>
    public static bool Owed(Person person) => person.CollectedIndirectlyAt is not null && person.Art14InformedAt is null;

    public static Art14Due Due(DateTimeOffset? collectedAt, DateTimeOffset? informedAt, DateTimeOffset now)
    {
        if (collectedAt is not { } collected || informedAt is not null || now < collected)
        {
            return Art14Due.Nothing;
        }

        var day = DayOf(collected, now);
        return new Art14Due(day >= NoticeDay, day >= WarnDay);
    }

    /// <summary>Whole days since the collection: day 0 is the day it came in.</summary>
    public static int DayOf(DateTimeOffset collected, DateTimeOffset now) => (int)Math.Floor((now - collected).TotalDays);

    /// <summary>
    /// Where the data came from, as the art. 14(2)(f) information names it: the import batch's source organisation, the
    /// API client, or null when the person gave it themselves.
    /// </summary>
    public static string? SourceOf(string? personSource, IReadOnlyDictionary<Guid, string> batchOrganisations) =>
        personSource switch
        {
            null => null,
            _ when personSource.StartsWith(ImportPrefix, StringComparison.Ordinal)
                && Guid.TryParse(personSource.AsSpan(ImportPrefix.Length), out var batch) => batchOrganisations.GetValueOrDefault(batch) ?? personSource,
            _ when personSource.StartsWith(ApiPrefix, StringComparison.Ordinal) => personSource[ApiPrefix.Length..],
            _ => personSource,
        };

    public const string ImportPrefix = "import:";
    public const string ApiPrefix = "api:";

    /// <summary>The import batches named by the people's sources.</summary>
    public static IEnumerable<Guid> BatchesOf(IEnumerable<string?> personSources) =>
        personSources.Where(s => s is not null && s.StartsWith(ImportPrefix, StringComparison.Ordinal))
            .Select(s => Guid.TryParse(s.AsSpan(ImportPrefix.Length), out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty).Distinct();
}
