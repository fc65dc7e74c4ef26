using System.Security.Claims;
using Marketing.Common;
using Marketing.Data;
using Marketing.Nurture;
using Marketing.Sending;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Marketing.Templates;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Nurture;

/// <summary>Nurture sequences for marketers: drafts, immutable versions, pause and resume, enrolments and what became of them.</summary>
public static class SequenceEndpoints
{
    public sealed record SequenceView(string Key, string Status, int LatestVersion, SequenceDefinition Draft, Dictionary<string, int> Enrolments,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
    public sealed record VersionView(int Version, string Sha256, DateTimeOffset PublishedAt, string PublishedBy, SequenceDefinition Definition);
    public sealed record EnrolmentView(Guid Id, string Sequence, int Version, Guid PersonId, string Trigger, string Status, string? StepId,
        DateTimeOffset DueAt, int StepsRun, DateTimeOffset EnrolledAt, DateTimeOffset? EndedAt, string? EndReason);
    public sealed record StepMessageView(string Key, string? Step, string Channel, string Status, string? Decision, string? DecisionReason,
        string? EvidenceKind, string? EvidenceId, DateTimeOffset DueAt, DateTimeOffset? SentAt, int Attempts, string? LastError);
    public sealed record EnrolmentDetail(EnrolmentView Enrolment, List<StepMessageView> Messages);
    public sealed record FailuresView(List<EnrolmentView> Enrolments, List<StepMessageView> Messages);

    public static RouteGroupBuilder MapNurtureAdmin(this RouteGroupBuilder admin)
    {
        var sequences = admin.MapGroup("/sequences").WithTags("Nurture");
        sequences.MapGet("/", ListAsync).WithName("ListSequences").RequireAuthorization(AccessPolicies.AnyKey);
        sequences.MapGet("/{key}", GetAsync).WithName("GetSequence").RequireAuthorization(AccessPolicies.AnyKey);
        sequences.MapPut("/{key}", PutAsync).WithName("SaveSequenceDraft").RequireAuthorization(AccessPolicies.Marketing);
        sequences.MapPost("/{key}/publish", PublishAsync).WithName("PublishSequence").RequireAuthorization(AccessPolicies.Marketing);
        sequences.MapGet("/{key}/versions/{version:int}", GetVersionAsync).WithName("GetSequenceVersion").RequireAuthorization(AccessPolicies.AnyKey);
        sequences.MapPost("/{key}/pause", PauseAsync).WithName("PauseSequence").RequireAuthorization(AccessPolicies.Marketing);
        sequences.MapPost("/{key}/resume", ResumeAsync).WithName("ResumeSequence").RequireAuthorization(AccessPolicies.Marketing);
        sequences.MapPost("/{key}/enrolments", EnrolAsync).WithName("EnrolPeople").RequireAuthorization(AccessPolicies.Marketing);
        sequences.MapGet("/{key}/enrolments", ListEnrolmentsAsync).WithName("ListEnrolments").RequireAuthorization(AccessPolicies.AnyKey);

        var enrolments = admin.MapGroup("/enrolments").WithTags("Nurture");
        enrolments.MapGet("/{id:guid}", GetEnrolmentAsync).WithName("GetEnrolment").RequireAuthorization(AccessPolicies.AnyKey);
        enrolments.MapPost("/{id:guid}/end", EndEnrolmentAsync).WithName("EndEnrolment").RequireAuthorization(AccessPolicies.Marketing);
        admin.MapGet("/nurture/failures", FailuresAsync).WithName("ListNurtureFailures").WithTags("Nurture").RequireAuthorization(AccessPolicies.AnyKey);
        // The minutely pass would get there; this is for an operator (or a benchmark) who wants due steps run now.
        admin.MapPost("/nurture/run", (NurtureSignal signal) =>
        {
            signal.Notify();
            return TypedResults.Accepted((string?)null);
        }).WithName("RunNurtureNow").WithTags("Nurture").RequireAuthorization(AccessPolicies.Marketing);
        return admin;
    }

    private static async Task<Ok<List<SequenceView>>> ListAsync(MarketingDbContext db, CancellationToken ct)
    {
        var sequences = await db.Sequences.AsNoTracking().OrderBy(s => s.Key).ToListAsync(ct);
        var counts = await CountsAsync(db, null, ct);
        return TypedResults.Ok(sequences.Select(s => ToView(s, counts.GetValueOrDefault(s.Id) ?? [])).ToList());
    }

    private static async Task<Results<Ok<SequenceView>, NotFound>> GetAsync(string key, MarketingDbContext db, CancellationToken ct)
    {
        if (await db.Sequences.AsNoTracking().SingleOrDefaultAsync(s => s.Key == key, ct) is not { } sequence)
        {
            return TypedResults.NotFound();
        }

        var counts = await CountsAsync(db, sequence.Id, ct);
        return TypedResults.Ok(ToView(sequence, counts.GetValueOrDefault(sequence.Id) ?? []));
    }

    private static async Task<Results<Created<SequenceView>, Ok<SequenceView>, ValidationProblem>> PutAsync(
        string key, SequenceDefinition? definition, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await SaveSequenceDraft.HandleAsync(db, clock, key, definition, user.Actor(), ct);
        return outcome.Refusal switch
        {
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            _ when outcome.Value.Created => TypedResults.Created($"/api/admin/sequences/{key}", ToView(outcome.Value.Sequence, [])),
            _ => TypedResults.Ok(ToView(outcome.Value.Sequence, [])),
        };
    }

    private static async Task<Results<Created<VersionView>, NotFound, ValidationProblem>> PublishAsync(
        string key, MarketingDbContext db, TemplateStore templates, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await PublishSequence.HandleAsync(db, templates, clock, key, user.Actor(), ct);
        return outcome.Refusal switch
        {
            Refusal.NotFound => TypedResults.NotFound(),
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            _ => TypedResults.Created($"/api/admin/sequences/{key}/versions/{outcome.Value.Version}", ToView(outcome.Value)),
        };
    }

    private static async Task<Results<Ok<VersionView>, NotFound>> GetVersionAsync(string key, int version, MarketingDbContext db, CancellationToken ct)
    {
        var found = await db.SequenceVersions.AsNoTracking()
            .Where(v => v.Version == version && db.Sequences.Any(s => s.Id == v.SequenceId && s.Key == key)).SingleOrDefaultAsync(ct);
        return found is null ? TypedResults.NotFound() : TypedResults.Ok(ToView(found));
    }

    private static async Task<Results<Ok<SequenceView>, NotFound, ProblemHttpResult>> PauseAsync(
        string key, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        await StatusViewAsync(db, await PauseSequence.HandleAsync(db, clock, key, user.Actor(), ct), ct);

    private static async Task<Results<Ok<SequenceView>, NotFound, ProblemHttpResult>> ResumeAsync(
        string key, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, NurtureSignal signal, CancellationToken ct)
    {
        var outcome = await ResumeSequence.HandleAsync(db, clock, key, user.Actor(), ct);
        if (outcome.Refusal is null)
        {
            signal.Notify();
        }

        return await StatusViewAsync(db, outcome, ct);
    }

    private static async Task<Results<Ok<SequenceView>, NotFound, ProblemHttpResult>> StatusViewAsync(MarketingDbContext db, Outcome<Sequence> outcome, CancellationToken ct) =>
        outcome.Refusal switch
        {
            Refusal.NotFound => TypedResults.NotFound(),
            Refusal.Conflict conflict => Problems.Conflict(conflict),
            _ => TypedResults.Ok(ToView(outcome.Value, (await CountsAsync(db, outcome.Value.Id, ct)).GetValueOrDefault(outcome.Value.Id) ?? [])),
        };

    private static async Task<Results<Ok<EnrolOutcome>, NotFound, ValidationProblem, ProblemHttpResult>> EnrolAsync(
        string key, EnrolPeople.Command? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, NurtureSignal signal, CancellationToken ct)
    {
        var outcome = await EnrolPeople.HandleAsync(db, clock, key, request ?? new EnrolPeople.Command(null, null), user.Actor(), ct);
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

    private static async Task<Results<Ok<List<EnrolmentView>>, NotFound>> ListEnrolmentsAsync(
        string key, string? status, int? limit, MarketingDbContext db, CancellationToken ct)
    {
        if (await db.Sequences.AsNoTracking().SingleOrDefaultAsync(s => s.Key == key, ct) is not { } sequence)
        {
            return TypedResults.NotFound();
        }

        var query = db.Enrolments.AsNoTracking().Where(e => e.SequenceId == sequence.Id);
        if (status is not null)
        {
            query = query.Where(e => e.Status == status);
        }

        var found = await query.OrderBy(e => e.EnrolledAt).Take(Math.Clamp(limit ?? 100, 1, 1000)).ToListAsync(ct);
        return TypedResults.Ok(found.Select(e => ToView(e, key)).ToList());
    }

    private static async Task<Results<Ok<EnrolmentDetail>, NotFound>> GetEnrolmentAsync(Guid id, MarketingDbContext db, CancellationToken ct)
    {
        if (await db.Enrolments.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct) is not { } enrolment)
        {
            return TypedResults.NotFound();
        }

        var key = await db.Sequences.Where(s => s.Id == enrolment.SequenceId).Select(s => s.Key).SingleAsync(ct);
        var messages = await db.SendRecords.AsNoTracking().Where(r => r.EnrolmentId == id).OrderBy(r => r.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(new EnrolmentDetail(ToView(enrolment, key), messages.Select(ToView).ToList()));
    }

    private static async Task<Results<Ok<EnrolmentView>, NotFound, ProblemHttpResult>> EndEnrolmentAsync(
        Guid id, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await EndEnrolment.HandleAsync(db, clock, id, user.Actor(), ct);
        return outcome.Refusal switch
        {
            Refusal.NotFound => TypedResults.NotFound(),
            Refusal.Conflict conflict => Problems.Conflict(conflict),
            _ => TypedResults.Ok(ToView(outcome.Value.Enrolment, outcome.Value.SequenceKey)),
        };
    }

    /// <summary>What went wrong for good: enrolments the engine could not run, and nurture messages that failed or were cut off.</summary>
    private static async Task<Ok<FailuresView>> FailuresAsync(int? limit, MarketingDbContext db, CancellationToken ct)
    {
        var take = Math.Clamp(limit ?? 100, 1, 1000);
        var enrolments = await db.Enrolments.AsNoTracking().Where(e => e.Status == EnrolmentStatuses.Failed)
            .OrderByDescending(e => e.EndedAt).Take(take).ToListAsync(ct);
        var keys = await db.Sequences.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Key, ct);
        var messages = await db.SendRecords.AsNoTracking()
            .Where(r => r.EnrolmentId != null && (r.Status == SendStatuses.Failed || r.Status == SendStatuses.Interrupted))
            .OrderByDescending(r => r.CreatedAt).Take(take).ToListAsync(ct);
        return TypedResults.Ok(new FailuresView(enrolments.Select(e => ToView(e, keys.GetValueOrDefault(e.SequenceId) ?? "")).ToList(), messages.Select(ToView).ToList()));
    }

    private static Task<Dictionary<Guid, Dictionary<string, int>>> CountsAsync(MarketingDbContext db, Guid? sequenceId, CancellationToken ct) =>
        ReadSequenceStats.EnrolmentCountsAsync(db, sequenceId, ct);

    private static SequenceView ToView(Sequence s, Dictionary<string, int> counts) => new(s.Key, s.Status, s.LatestVersion, s.Draft, counts, s.CreatedAt, s.UpdatedAt);

    private static VersionView ToView(SequenceVersion v) => new(v.Version, v.Sha256, v.PublishedAt, v.PublishedBy, v.Definition);

    private static EnrolmentView ToView(Enrolment e, string sequence) => new(e.Id, sequence, e.Version, e.PersonId, e.Trigger, e.Status, e.StepId,
        e.DueAt, e.StepsRun, e.EnrolledAt, e.EndedAt, e.EndReason);

    private static StepMessageView ToView(SendRecord r) => new(r.Key, r.Data.GetValueOrDefault("step"), r.Channel, r.Status, r.Decision, r.DecisionReason,
        r.EvidenceKind, r.EvidenceId, r.DueAt, r.SentAt, r.Attempts, r.LastError);
}
