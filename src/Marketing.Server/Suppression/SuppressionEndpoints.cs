using System.Security.Claims;
using Marketing.Common;
using Marketing.Data;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Marketing.Suppression;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Suppression;

/// <summary>
/// The suppression list for the admin API (R33). It holds hashes only; reading it is for the DPO and admins,
/// never an audience. Adding, removing (never an unsubscribe) and importing are the Core use cases of the same names.
/// </summary>
public static class SuppressionEndpoints
{
    public sealed record EntryView(Guid Id, string AddressHash, string Channel, string Scope, string Reason, string Source, DateTimeOffset CreatedAt);

    public static RouteGroupBuilder MapSuppressionAdmin(this RouteGroupBuilder admin)
    {
        var list = admin.MapGroup("/suppressions").WithTags("Suppression");
        list.MapGet("/", ListAsync).WithName("ListSuppressions").RequireAuthorization(AccessPolicies.Compliance);
        list.MapPost("/", AddAsync).WithName("AddSuppression").RequireAuthorization(AccessPolicies.Admin);
        list.MapDelete("/{id:guid}", RemoveAsync).WithName("RemoveSuppression").RequireAuthorization(AccessPolicies.Admin);
        list.MapPost("/import", ImportAsync).WithName("ImportSuppressions").RequireAuthorization(AccessPolicies.Admin).AcceptsBody("text/csv");
        return admin;
    }

    private static async Task<Results<Ok<List<EntryView>>, ValidationProblem>> ListAsync(MarketingDbContext db, string? reason, string? address, string? region,
        AddressHasher hasher, int? skip, int? take, CancellationToken ct)
    {
        var outcome = await FindSuppressions.HandleAsync(db, hasher, new FindSuppressions.Filter(address, region, reason), skip ?? 0, take ?? 100, ct);
        return outcome.Refusal switch
        {
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            null => TypedResults.Ok(outcome.Value.Select(ToView).ToList()),
            var other => throw Problems.Unmapped(other),
        };
    }

    private static async Task<Results<Created<EntryView>, Ok<EntryView>, ValidationProblem>> AddAsync(
        AddSuppression.Command? request, MarketingDbContext db, AddressHasher hasher, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await AddSuppression.HandleAsync(db, hasher, clock, request ?? new AddSuppression.Command(null, null, null, null, null), user.Actor(), ct);
        return outcome.Refusal switch
        {
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            _ when outcome.Value.Created => TypedResults.Created($"/api/admin/suppressions/{outcome.Value.Entry.Id}", ToView(outcome.Value.Entry)),
            _ => TypedResults.Ok(ToView(outcome.Value.Entry)),
        };
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> RemoveAsync(
        Guid id, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await RemoveSuppression.HandleAsync(db, clock, id, user.Actor(), ct);
        return outcome.Refusal switch
        {
            null => TypedResults.NoContent(),
            Refusal.NotFound => TypedResults.NotFound(),
            Refusal.Conflict conflict => Problems.Conflict(conflict),
            var other => throw Problems.Unmapped(other),
        };
    }

    /// <summary>A CSV with a header; see <see cref="ImportSuppressions"/>.</summary>
    private static async Task<Results<Ok<ImportSuppressions.Report>, ValidationProblem>> ImportAsync(
        HttpRequest http, MarketingDbContext db, AddressHasher hasher, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (http.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Problems.Field("body", "send the list as text/csv with a header line: address[,channel,scope,reason,region]");
        }

        var outcome = await ImportSuppressions.HandleAsync(db, hasher, clock, http.Body, user.Actor(), ct);
        return outcome.Refusal switch
        {
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            _ => TypedResults.Ok(outcome.Value),
        };
    }

    private static EntryView ToView(SuppressionEntry s) => new(s.Id, s.AddressHash, s.Channel, s.Scope, s.Reason, s.Source, s.CreatedAt);
}
