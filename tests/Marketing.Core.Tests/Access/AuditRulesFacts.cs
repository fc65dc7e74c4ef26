using Marketing.Access;

namespace Marketing.Core.Tests.Access;

/// <summary>The audit trail's pure rules (R49, R48): object types, retention cutoff, search checks, key scopes and expiry.</summary>
public sealed class AuditRulesFacts
{
    private static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));

    [Theory]
    // action, target, explicit type, stored type
    [InlineData("api_key.created", "k1", null, "api_key")]
    [InlineData("suppression.added", "s1", null, "suppression")]
    [InlineData("consent_proof.exported", "p1", "person", "person")]
    [InlineData("ledger.verified", null, null, null)]
    [InlineData("jobs_dashboard", "x", null, "jobs_dashboard")]
    public void Create_NamesTheObjectsType_FromTheActionsFamily_UnlessGiven(string action, string? target, string? type, string? expected) =>
        Assert.Equal(expected, AuditEntry.Create(Clock, "cli", action, target, null, type).ObjectType);

    [Fact]
    public void Create_CutsWhatTheColumnsCannotHold() =>
        Assert.Equal((120, 80, 200, 40),
            Lengths(AuditEntry.Create(Clock, new string('a', 300), new string('b', 100), new string('c', 300), null, new string('d', 50))));

    [Theory]
    // now, cutoff: the same instant 12 calendar months before (a 29 February falls back to the 28th)
    [InlineData("2026-12-07T10:00:00Z", "2025-12-07T10:00:00Z")]
    [InlineData("2025-02-28T00:00:00Z", "2024-02-28T00:00:00Z")]
    [InlineData("2024-02-29T12:00:00Z", "2023-02-28T12:00:00Z")]
    public void Cutoff_Is12MonthsBack(string now, string cutoff) =>
        Assert.Equal(DateTimeOffset.Parse(cutoff, System.Globalization.CultureInfo.InvariantCulture),
            PurgeAuditLog.Cutoff(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    // action length, actor length, object length, to before from, fields at fault
    [InlineData(80, 120, 200, false, "")]
    [InlineData(81, 0, 0, false, "action")]
    [InlineData(0, 121, 0, false, "actor")]
    [InlineData(0, 0, 201, false, "object")]
    [InlineData(0, 0, 0, true, "to")]
    [InlineData(81, 121, 201, true, "action actor object to")]
    public void Check_NamesEachFieldAtFault(int action, int actor, int target, bool backwards, string fields)
    {
        var from = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero);
        var filter = new ReadAuditLog.Filter(new string('a', action), new string('b', actor), new string('c', target), from, backwards ? from.AddDays(-1) : from.AddDays(1));

        Assert.Equal(fields, string.Join(' ', ReadAuditLog.Check(filter).Keys.Order(StringComparer.Ordinal)));
    }

    [Theory]
    // the key's scopes, the route's group, allowed
    [InlineData("", "leads", true)]
    [InlineData("", null, true)]
    [InlineData("capture", "Capture", true)]
    [InlineData("capture leads", "leads", true)]
    [InlineData("capture", "leads", false)]
    [InlineData("capture", null, false)]
    [InlineData("audit", "compliance", false)]
    [InlineData("cookie-consent", "Cookie consent", true)]
    public void Allows_AKeyOnlyItsScopes_OrEverythingWithoutScopes(string scopes, string? resource, bool allowed) =>
        Assert.Equal(allowed, ApiKeyScopes.Allows(scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), resource));

    [Theory]
    // requested, kept (in the list's order, once each), unknown
    [InlineData("Leads capture leads", "capture leads", null)]
    [InlineData(" audit ,", "audit", ",")]
    [InlineData("people", "", "people")]
    [InlineData("", "", null)]
    public void Parse_NormalisesScopes_AndNamesTheFirstUnknown(string requested, string kept, string? unknown)
    {
        var (scopes, bad) = ApiKeyScopes.Parse(requested.Split(' '));

        Assert.Equal((kept, unknown), (string.Join(' ', scopes), bad));
    }

    [Theory]
    // days ahead of now (null: no expiry), problem
    [InlineData(null, null)]
    [InlineData(1.0, null)]
    [InlineData(732.0, null)]
    [InlineData(0.0, "must be in the future")]
    [InlineData(-1.0, "must be in the future")]
    [InlineData(733.0, "must be at most 732 days ahead")]
    public void CheckExpiry_WantsAFutureDateWithinTwoYears(double? days, string? problem)
    {
        var now = Clock.GetUtcNow();

        Assert.Equal(problem, ApiKeyScopes.CheckExpiry(days is { } d ? now.AddDays(d) : null, now));
    }

    [Theory]
    [InlineData(-1.0, true)]
    [InlineData(0.0, true)]
    [InlineData(1.0, false)]
    public void HasExpired_AtItsInstant(double days, bool expired)
    {
        var now = Clock.GetUtcNow();
        var key = new ApiKey { Name = "k", Prefix = "p", SecretHash = [], ExpiresAt = now.AddDays(days) };

        Assert.Equal(expired, key.HasExpired(now));
    }

    private static (int, int, int, int) Lengths(AuditEntry e) => (e.Actor.Length, e.Action.Length, e.Target!.Length, e.ObjectType!.Length);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
