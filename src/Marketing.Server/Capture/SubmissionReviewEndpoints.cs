using Marketing.Capture;
using Marketing.Data;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketing.Server.Capture;

/// <summary>The submissions held for review (identifiers of different people), for admins and compliance staff.</summary>
public static class SubmissionReviewEndpoints
{
    public static RouteGroupBuilder MapSubmissionReview(this RouteGroupBuilder admin)
    {
        admin.MapGet("/submissions/review", ListAsync).WithTags("Capture").WithName("ListHeldSubmissions")
            .RequireAuthorization(AccessPolicies.Compliance);
        return admin;
    }

    private static async Task<Results<Ok<IReadOnlyList<ListHeldSubmissions.HeldSubmission>>, ValidationProblem>> ListAsync(
        DateTimeOffset? before, int? limit, MarketingDbContext db, CancellationToken ct)
    {
        if (limit is < 1 or > 500)
        {
            return Problems.Field("limit", "must be between 1 and 500");
        }

        return TypedResults.Ok(await ListHeldSubmissions.HandleAsync(db, before, limit ?? 100, ct));
    }
}
