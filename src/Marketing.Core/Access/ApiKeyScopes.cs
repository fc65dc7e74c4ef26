namespace Marketing.Access;

/// <summary>
/// What an API key may reach besides what its role allows (R48: tokens scoped per resource, and expiring). A scope is
/// a route group of the admin API, named as its tag in lower case; a key without scopes reaches every group.
/// </summary>
public static class ApiKeyScopes
{
    public const string Audit = "audit";

    /// <summary>Every route group of the admin API (an architecture test keeps the list and the routes' tags equal).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "access", Audit, "broadcasts", "capture", "compliance", "consent", "cookie-consent", "diagnostics", "email", "imports", "leads", "nurture", "reports", "segments", "sending", "sites",
        "suppression", "templates", "webhooks",
    ];

    /// <summary>The scope of a route's tag: <c>Cookie consent</c> is <c>cookie-consent</c>.</summary>
    public static string OfTag(string tag) => tag.Trim().ToLowerInvariant().Replace(' ', '-');

    public const int MaxExpiryDays = 366 * 2;

    /// <summary>Whether a key with <paramref name="scopes"/> reaches a route of the group <paramref name="resource"/>.</summary>
    public static bool Allows(IReadOnlyCollection<string> scopes, string? resource) =>
        scopes.Count == 0 || (resource is not null && scopes.Contains(OfTag(resource), StringComparer.Ordinal));

    /// <summary>
    /// The scopes of a request, normalised (lower case, once each, in the list's order), or the first unknown one.
    /// Blank entries are ignored, so an empty form field asks for no scope.
    /// </summary>
    public static (IReadOnlyList<string> Scopes, string? Unknown) Parse(IEnumerable<string?>? requested)
    {
        var wanted = (requested ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var unknown = wanted.FirstOrDefault(s => !All.Contains(s, StringComparer.Ordinal));
        return (All.Where(wanted.Contains).ToList(), unknown);
    }

    /// <summary>
    /// Why a key's expiry cannot be taken: it must lie after <paramref name="now"/> and at most two years ahead (a key
    /// for ever is one without an expiry, chosen on purpose). Null when it holds.
    /// </summary>
    public static string? CheckExpiry(DateTimeOffset? expiresAt, DateTimeOffset now) =>
        expiresAt is not { } at ? null
        : at <= now ? "must be in the future"
        : at > now.AddDays(MaxExpiryDays) ? $"must be at most {MaxExpiryDays} days ahead"
        : null;

    public static bool HasExpired(this ApiKey key, DateTimeOffset now) => key.ExpiresAt is { } at && at <= now;
}
