using System.Security.Claims;
using Marketing.Data;
using Marketing.Channels.Email;
using Marketing.Server.Access;
using Marketing.Suppression;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketing.Server.Channels.Email;

/// <summary>The sending domains' DNS checks for the admin API (R67): their last result, and a check now (<see cref="CheckSendingDomains"/>).</summary>
public static class SendingDomainEndpoints
{
    public static RouteGroupBuilder MapSendingDomainsAdmin(this RouteGroupBuilder admin)
    {
        var domains = admin.MapGroup("/email/domains").WithTags("Email");
        domains.MapGet("/", DomainsAsync).WithName("ListSendingDomains").RequireAuthorization(AccessPolicies.Marketing);
        domains.MapPost("/check", CheckDomainsAsync).WithName("CheckSendingDomains").RequireAuthorization(AccessPolicies.Admin);
        return admin;
    }

    /// <summary>Each sending domain's last DNS check (R67): <c>verified</c>, <c>failing</c>, <c>regressed</c> or <c>unchecked</c>.</summary>
    private static async Task<Ok<List<SendingDomainStatus>>> DomainsAsync(MarketingDbContext db, ListHygiene hygiene, SendingDomains domains, CancellationToken ct) =>
        TypedResults.Ok(await CheckSendingDomains.ListAsync(db, hygiene, domains, ct));

    /// <summary>Checks now, as the daily job does; a domain that passes releases the marketing mail it held.</summary>
    private static async Task<Ok<List<SendingDomainStatus>>> CheckDomainsAsync(MarketingDbContext db, SendingDomains domains, EmailDispatchSignal dispatch,
        TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var (statuses, released) = await CheckSendingDomains.HandleAsync(db, domains, clock, user.Actor(), ct);
        if (released)
        {
            dispatch.Notify();
        }

        return TypedResults.Ok(statuses);
    }
}
