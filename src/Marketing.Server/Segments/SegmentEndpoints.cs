using System.Security.Claims;
using Marketing.Common;
using Marketing.Data;
using Marketing.Nurture;
using Marketing.Segments;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Marketing.Server.Nurture;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Segments;

/// <summary>
/// Segments (issue 18 item 3): saved by key with <see cref="SaveSegment"/>, counted by the database with
/// <see cref="CountSegment"/>, and the live count of an unsaved definition while a marketer edits it.
/// </summary>
public static class SegmentEndpoints
{
    public sealed record SegmentView(Guid Id, string Key, string Name, SegmentDefinition Definition, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    public sealed record CountView(long Count);

    public static RouteGroupBuilder MapSegmentsAdmin(this RouteGroupBuilder admin)
    {
        var segments = admin.MapGroup("/segments").WithTags("Segments").RequireAuthorization(AccessPolicies.Marketing);
        segments.MapGet("/", ListAsync).WithName("ListSegments");
        segments.MapPost("/preview-count", PreviewCountAsync).WithName("PreviewSegmentCount");
        segments.MapGet("/{key}", GetAsync).WithName("GetSegment");
        segments.MapPut("/{key}", PutAsync).WithName("PutSegment");
        segments.MapDelete("/{key}", DeleteAsync).WithName("DeleteSegment");
        segments.MapGet("/{key}/count", CountAsync).WithName("CountSegment");
        segments.MapPost("/{key}/enrolments", EnrolAsync).WithName("EnrolSegment");
        return admin;
    }

    private static async Task<Ok<List<SegmentView>>> ListAsync(MarketingDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await ReadSegments.ListAsync(db, ct)).Select(ToView).ToList());

    private static async Task<Results<Ok<SegmentView>, NotFound>> GetAsync(string key, MarketingDbContext db, CancellationToken ct) =>
        await ReadSegments.OneAsync(db, key, ct) is { } segment ? TypedResults.Ok(ToView(segment)) : TypedResults.NotFound();

    private static async Task<Results<Created<SegmentView>, Ok<SegmentView>, ValidationProblem>> PutAsync(
        string key, SaveSegment.Input? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await SaveSegment.HandleAsync(db, clock, key, request ?? new SaveSegment.Input(null, null), user.Actor(), ct);
        return outcome.Refusal switch
        {
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            _ when outcome.Value.Created => TypedResults.Created($"/api/admin/segments/{key}", ToView(outcome.Value.Segment)),
            _ => TypedResults.Ok(ToView(outcome.Value.Segment)),
        };
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(string key, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        (await DeleteSegment.HandleAsync(db, clock, key, user.Actor(), ct)).Refusal is null ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<CountView>, NotFound, ValidationProblem>> CountAsync(string key, MarketingDbContext db, TimeProvider clock, CancellationToken ct) =>
        Counted(await CountSegment.HandleAsync(db, clock, key, ct));

    private static async Task<Results<Ok<CountView>, NotFound, ValidationProblem>> PreviewCountAsync(
        SegmentDefinition? request, MarketingDbContext db, TimeProvider clock, CancellationToken ct) =>
        Counted(await CountSegment.HandleAsync(db, clock, request, ct));

    private static Results<Ok<CountView>, NotFound, ValidationProblem> Counted(Outcome<long> outcome) => outcome.Refusal switch
    {
        Refusal.NotFound => TypedResults.NotFound(),
        Refusal.Invalid invalid => Problems.Invalid(invalid),
        _ => TypedResults.Ok(new CountView(outcome.Value)),
    };

    /// <summary>Everyone the segment holds now joins a published sequence, each once (<see cref="EnrolSegment"/>).</summary>
    private static async Task<Results<Ok<EnrolOutcome>, NotFound, ValidationProblem, ProblemHttpResult>> EnrolAsync(
        string key, EnrolSegment.Command? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, NurtureSignal signal, CancellationToken ct)
    {
        var outcome = await EnrolSegment.HandleAsync(db, clock, key, request ?? new EnrolSegment.Command(null), user.Actor(), ct);
        if (outcome.Refusal is null && outcome.Value.Enrolled > 0)
        {
            signal.Notify();
        }

        return outcome.Refusal switch
        {
            Refusal.NotFound => TypedResults.NotFound(),
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            Refusal.Conflict conflict => Problems.Conflict(conflict),
            _ => TypedResults.Ok(outcome.Value),
        };
    }

    private static SegmentView ToView(Segment s) => new(s.Id, s.Key, s.Name, SegmentDefinition.FromJson(s.Definition)!, s.CreatedAt, s.UpdatedAt);
}
