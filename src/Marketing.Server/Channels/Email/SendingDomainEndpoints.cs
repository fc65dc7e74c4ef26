using System.Security.Claims;
using Marketing.Data;
using Marketing.Channels.Email;
using Marketing.Server.Access;
using Marketing.Suppression;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketing.Server.Channels.Email;

/// <summary>The sending domains' DNS checks for the admin API (R67): their last result, and a check now.</summary>
public static class SendingDomainEndpoints
{
    public static RouteGroupBuilder MapSendingDomainsAdmin(this RouteGroupBuilder admin)
    {
        var domains = admin.MapGroup("/email/domains").WithTags("Email");
        domains.MapGet("/", DomainsAsync).WithName("ListSendingDomains").RequireAuthorization(AccessPolicies.Marketing);
        domains.MapPost("/check", CheckDomainsAsync).WithName("CheckSendingDomains").RequireAuthorization(AccessPolicies.Admin);
        return admin;
    }

    public sealed record DomainStatus(string Domain, string State, int BulkThreshold, DomainCheck? LastCheck, string? Inconclusive = null);

    /// <summary>Each sending domain's last DNS check (R67): <c>verified</c>, <c>failing</c>, <c>regressed</c> or <c>unchecked</c>.</summary>
    private static async Task<Ok<List<DomainStatus>>> DomainsAsync(MarketingDbContext db, ListHygiene hygiene, SendingDomains domains, CancellationToken ct)
    {
        var statuses = new List<DomainStatus>();
        foreach (var domain in hygiene.Domains)
        {
            var last = await SendingDomains.LatestAsync(db, domain, ct);
            statuses.Add(new DomainStatus(domain, State(last), domains.Setup.BulkThreshold, last));
        }

        return TypedResults.Ok(statuses);
    }

    /// <summary>Checks now, as the daily job does; a domain that passes releases the marketing mail it held.</summary>
    private static async Task<Ok<List<DomainStatus>>> CheckDomainsAsync(MarketingDbContext db, SendingDomains domains, EmailDispatchSignal dispatch,
        TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var verifications = await domains.VerifyAsync(db, clock, user.Actor(), ct);
        if (verifications.Any(v => v.Check is { Passed: true }))
        {
            dispatch.Notify();
        }

        var statuses = new List<DomainStatus>();
        foreach (var v in verifications)
        {
            // DNS did not answer: the domain keeps the state of its last check, and the answer says why nothing changed.
            var shown = v.Check ?? await SendingDomains.LatestAsync(db, v.Domain, ct);
            statuses.Add(new DomainStatus(v.Domain, v.Check is null ? "inconclusive" : State(shown), domains.Setup.BulkThreshold, shown, v.Inconclusive));
        }

        return TypedResults.Ok(statuses);
    }

    private static string State(DomainCheck? check) => check switch
    {
        null => "unchecked",
        { Passed: true } => "verified",
        { Regressed: true } => "regressed",
        _ => "failing",
    };
}
