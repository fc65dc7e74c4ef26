using Marketing.Data;
using Marketing.Suppression;

namespace Marketing.Channels.Email;

/// <summary>A sending domain's state (R67): <c>verified</c>, <c>failing</c>, <c>regressed</c>, <c>unchecked</c>, or <c>inconclusive</c> when DNS did not answer a check.</summary>
public sealed record SendingDomainStatus(string Domain, string State, int BulkThreshold, DomainCheck? LastCheck, string? Inconclusive = null);

/// <summary>The sending domains' DNS checks (R67) for the admin API and the domains page: their last result, and a check now.</summary>
public static class CheckSendingDomains
{
    public static class States
    {
        public const string Verified = "verified";
        public const string Failing = "failing";
        public const string Regressed = "regressed";
        public const string Unchecked = "unchecked";
        public const string Inconclusive = "inconclusive";
    }

    /// <summary>Each sending domain with its last check.</summary>
    public static async Task<List<SendingDomainStatus>> ListAsync(MarketingDbContext db, ListHygiene hygiene, SendingDomains domains, CancellationToken ct)
    {
        var statuses = new List<SendingDomainStatus>();
        foreach (var domain in hygiene.Domains)
        {
            var last = await SendingDomains.LatestAsync(db, domain, ct);
            statuses.Add(new SendingDomainStatus(domain, State(last), domains.Setup.BulkThreshold, last));
        }

        return statuses;
    }

    /// <summary>
    /// Checks now, as the daily job does, audited with <paramref name="actor"/>; <c>Released</c> says a domain passed, which
    /// releases the marketing mail it held (the caller wakes the dispatcher).
    /// </summary>
    public static async Task<(List<SendingDomainStatus> Statuses, bool Released)> HandleAsync(
        MarketingDbContext db, SendingDomains domains, TimeProvider clock, string actor, CancellationToken ct)
    {
        var verifications = await domains.VerifyAsync(db, clock, actor, ct);
        var statuses = new List<SendingDomainStatus>();
        foreach (var v in verifications)
        {
            // DNS did not answer: the domain keeps the state of its last check, and the answer says why nothing changed.
            var shown = v.Check ?? await SendingDomains.LatestAsync(db, v.Domain, ct);
            statuses.Add(new SendingDomainStatus(v.Domain, v.Check is null ? States.Inconclusive : State(shown), domains.Setup.BulkThreshold, shown, v.Inconclusive));
        }

        return (statuses, verifications.Any(v => v.Check is { Passed: true }));
    }

    private static string State(DomainCheck? check) => check switch
    {
        null => States.Unchecked,
        { Passed: true } => States.Verified,
        { Regressed: true } => States.Regressed,
        _ => States.Failing,
    };
}
