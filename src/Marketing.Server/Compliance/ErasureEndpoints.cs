using System.Security.Claims;
using Marketing.Common;
using Marketing.Compliance;
using Marketing.Data;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Compliance;

/// <summary>Erasure (R38, R34, R15), its records, and legal holds; the restricted archive for the DPO alone.</summary>
public static class ErasureEndpoints
{
    public sealed record EraseRequest(string? Ground, IReadOnlyList<string>? CookieConsentIds);
    public sealed record ReleaseRequest(string? Reason);

    public static RouteGroupBuilder MapErasureAdmin(this RouteGroupBuilder admin)
    {
        var people = admin.MapGroup("/people/{personId:guid}").WithTags("Compliance");
        people.MapPost("/erasure", EraseAsync).WithName("ErasePerson").RequireAuthorization(AccessPolicies.Compliance);
        people.MapGet("/erasures", ListAsync).WithName("ListPersonErasures").RequireAuthorization(AccessPolicies.Compliance);
        people.MapPost("/legal-holds", PlaceHoldAsync).WithName("PlaceLegalHold").RequireAuthorization(AccessPolicies.Compliance);
        people.MapGet("/legal-holds", ListHoldsAsync).WithName("ListLegalHolds").RequireAuthorization(AccessPolicies.Compliance);
        // R38: held records of an erased person are readable by the DPO only.
        people.MapGet("/restricted-records", ReadArchiveAsync).WithName("ReadRestrictedRecords").RequireAuthorization(AccessPolicies.Dpo);
        admin.MapPost("/compliance/legal-holds/{holdId:guid}/release", ReleaseHoldAsync).WithTags("Compliance").WithName("ReleaseLegalHold")
            .RequireAuthorization(AccessPolicies.Compliance);
        return admin;
    }

    private static async Task<Results<Ok<ErasureReport>, NotFound, ValidationProblem, ProblemHttpResult>> EraseAsync(
        Guid personId, EraseRequest? request, MarketingDbContext db, ErasureServices services, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await ErasePerson.TryAsync(db, services, new ErasureRequest(personId, request?.Ground, user.Actor(), request?.CookieConsentIds), ct);
        return outcome.Refusal switch
        {
            null => TypedResults.Ok(outcome.Value),
            Refusal.NotFound => TypedResults.NotFound(),
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            Refusal.Conflict conflict => Problems.Conflict(conflict),
            var other => throw Problems.Unmapped(other),
        };
    }

    private static async Task<Ok<List<Erasure>>> ListAsync(Guid personId, MarketingDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Erasures.AsNoTracking().Where(e => e.PersonId == personId).OrderBy(e => e.At).ToListAsync(ct));

    private static async Task<Results<Created<LegalHold>, NotFound, ValidationProblem, ProblemHttpResult>> PlaceHoldAsync(
        Guid personId, PlaceLegalHold.Command? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await PlaceLegalHold.HandleAsync(db, clock, personId, request ?? new PlaceLegalHold.Command(null, null, null), user.Actor(), ct);
        return outcome.Refusal switch
        {
            null => TypedResults.Created($"/api/admin/people/{personId}/legal-holds", outcome.Value),
            Refusal.NotFound => TypedResults.NotFound(),
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            Refusal.Conflict conflict => Problems.Conflict(conflict),
            var other => throw Problems.Unmapped(other),
        };
    }

    private static async Task<Ok<List<LegalHold>>> ListHoldsAsync(Guid personId, MarketingDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.LegalHolds.AsNoTracking().Where(h => h.PersonId == personId).OrderBy(h => h.CreatedAt).ToListAsync(ct));

    private static async Task<Results<Ok<LegalHold>, NotFound, ValidationProblem, ProblemHttpResult>> ReleaseHoldAsync(
        Guid holdId, ReleaseRequest? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await ReleaseLegalHold.HandleAsync(db, clock, holdId, request?.Reason, user.Actor(), ct);
        return outcome.Refusal switch
        {
            null => TypedResults.Ok(outcome.Value),
            Refusal.NotFound => TypedResults.NotFound(),
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            Refusal.Conflict conflict => Problems.Conflict(conflict),
            var other => throw Problems.Unmapped(other),
        };
    }

    private static async Task<Ok<IReadOnlyList<RestrictedRecord>>> ReadArchiveAsync(Guid personId, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await ReadRestrictedRecords.HandleAsync(db, clock, personId, user.Actor(), ct));
}
