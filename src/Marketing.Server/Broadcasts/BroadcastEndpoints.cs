using System.Security.Claims;
using Marketing.Broadcasts;
using Marketing.Common;
using Marketing.Data;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Marketing.Templates;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Broadcasts;

/// <summary>
/// Broadcasts (issue 18 item 4): a draft saved by key with <see cref="SaveBroadcast"/>, scheduled with
/// <see cref="ScheduleBroadcast"/>, cancelled with <see cref="CancelBroadcast"/>, read with its progress
/// (<see cref="ReadBroadcastStats"/>). The sending itself is the materialising job's and the dispatchers'.
/// </summary>
public static class BroadcastEndpoints
{
    public sealed record ScheduleView(string Kind, DateTimeOffset? At, string? LocalAt);

    public sealed record ThrottleView(int Count, string Per);

    public sealed record AbTestView(string Template, int Percent, int WaitMinutes, DateTimeOffset? EndsAt, string? Winner);

    public sealed record BroadcastView(Guid Id, string Key, string Name, string Status, string Segment, string Purpose, string Channel, string Template,
        ScheduleView Schedule, ThrottleView? Throttle, AbTestView? AbTest, DateTimeOffset? StartsAt, DateTimeOffset? FinishedAt, DateTimeOffset CreatedAt,
        DateTimeOffset UpdatedAt);

    public sealed record ProgressView(int Messages, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyList<ReadBroadcastStats.VariantStats> Variants,
        bool Materialised);

    public sealed record BroadcastDetailView(BroadcastView Broadcast, ProgressView Progress);

    public sealed record CancelledView(BroadcastView Broadcast, int CancelledMessages);

    public static RouteGroupBuilder MapBroadcastsAdmin(this RouteGroupBuilder admin)
    {
        var broadcasts = admin.MapGroup("/broadcasts").WithTags("Broadcasts").RequireAuthorization(AccessPolicies.Marketing);
        broadcasts.MapGet("/", ListAsync).WithName("ListBroadcasts");
        broadcasts.MapGet("/{key}", GetAsync).WithName("GetBroadcast");
        broadcasts.MapPut("/{key}", PutAsync).WithName("PutBroadcast");
        broadcasts.MapPost("/{key}/schedule", ScheduleAsync).WithName("ScheduleBroadcast");
        broadcasts.MapPost("/{key}/cancel", CancelAsync).WithName("CancelBroadcast");
        return admin;
    }

    private static async Task<Ok<List<BroadcastView>>> ListAsync(MarketingDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Broadcasts.AsNoTracking().OrderByDescending(b => b.CreatedAt).Take(500).ToListAsync(ct)).Select(ToView).ToList());

    private static async Task<Results<Ok<BroadcastDetailView>, NotFound>> GetAsync(string key, MarketingDbContext db, CancellationToken ct) =>
        await ReadBroadcastStats.HandleAsync(db, key, ct) is { Refusal: null } read
            ? TypedResults.Ok(new BroadcastDetailView(ToView(read.Value.Broadcast),
                new ProgressView(read.Value.Messages, read.Value.ByStatus, read.Value.Variants, read.Value.Broadcast.MaterialisedAt is not null)))
            : TypedResults.NotFound();

    private static async Task<Results<Created<BroadcastView>, Ok<BroadcastView>, ValidationProblem, ProblemHttpResult>> PutAsync(
        string key, SaveBroadcast.Input? request, MarketingDbContext db, TemplateStore templates, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await SaveBroadcast.HandleAsync(db, templates, clock, key, request ?? new SaveBroadcast.Input(null, null, null, null, null, null), user.Actor(), ct);
        return outcome.Refusal switch
        {
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            Refusal.Conflict conflict => Problems.Conflict(conflict),
            _ when outcome.Value.Created => TypedResults.Created($"/api/admin/broadcasts/{key}", ToView(outcome.Value.Broadcast)),
            _ => TypedResults.Ok(ToView(outcome.Value.Broadcast)),
        };
    }

    private static async Task<Results<Ok<BroadcastView>, NotFound, ValidationProblem, ProblemHttpResult>> ScheduleAsync(
        string key, MarketingDbContext db, TemplateStore templates, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await ScheduleBroadcast.HandleAsync(db, templates, clock, key, user.Actor(), ct);
        return outcome.Refusal switch
        {
            Refusal.NotFound => TypedResults.NotFound(),
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            Refusal.Conflict conflict => Problems.Conflict(conflict),
            _ => TypedResults.Ok(ToView(outcome.Value)),
        };
    }

    private static async Task<Results<Ok<CancelledView>, NotFound, ProblemHttpResult>> CancelAsync(
        string key, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await CancelBroadcast.HandleAsync(db, clock, key, user.Actor(), ct);
        return outcome.Refusal switch
        {
            Refusal.NotFound => TypedResults.NotFound(),
            Refusal.Conflict conflict => Problems.Conflict(conflict),
            _ => TypedResults.Ok(new CancelledView(ToView(outcome.Value.Broadcast), outcome.Value.Messages)),
        };
    }

    public static BroadcastView ToView(Broadcast b) => new(b.Id, b.Key, b.Name, b.Status, b.SegmentKey, b.PurposeKey, b.Channel, b.TemplateKey,
        new ScheduleView(b.ScheduleKind, b.ScheduledAt, b.LocalAt),
        b.ThrottleCount is { } count ? new ThrottleView(count, b.ThrottlePer!) : null,
        b.TestTemplateKey is { } test ? new AbTestView(test, b.TestPercent!.Value, b.TestWaitMinutes!.Value, b.TestEndsAt, b.Winner) : null,
        b.StartsAt, b.FinishedAt, b.CreatedAt, b.UpdatedAt);
}
