using System.Security.Claims;
using Marketing.Access;
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
    public sealed record EnrolRequest(List<Guid>? PersonIds, string? Reference);
    public sealed record EnrolmentView(Guid Id, string Sequence, int Version, Guid PersonId, string Trigger, string Status, string? StepId,
        DateTimeOffset DueAt, int StepsRun, DateTimeOffset EnrolledAt, DateTimeOffset? EndedAt, string? EndReason);
    public sealed record StepMessageView(string Key, string? Step, string Channel, string Status, string? Decision, string? DecisionReason,
        string? EvidenceKind, string? EvidenceId, DateTimeOffset DueAt, DateTimeOffset? SentAt, int Attempts, string? LastError);
    public sealed record EnrolmentDetail(EnrolmentView Enrolment, List<StepMessageView> Messages);
    public sealed record FailuresView(List<EnrolmentView> Enrolments, List<StepMessageView> Messages);

    public static RouteGroupBuilder MapNurtureAdmin(this RouteGroupBuilder admin)
    {
        var sequences = admin.MapGroup("/sequences").WithTags("Nurture");
        sequences.MapGet("/", ListAsync).RequireAuthorization(AccessPolicies.AnyKey);
        sequences.MapGet("/{key}", GetAsync).RequireAuthorization(AccessPolicies.AnyKey);
        sequences.MapPut("/{key}", PutAsync).RequireAuthorization(AccessPolicies.Marketing);
        sequences.MapPost("/{key}/publish", PublishAsync).RequireAuthorization(AccessPolicies.Marketing);
        sequences.MapGet("/{key}/versions/{version:int}", GetVersionAsync).RequireAuthorization(AccessPolicies.AnyKey);
        sequences.MapPost("/{key}/pause", (string key, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            SetStatusAsync(key, SequenceStatuses.Paused, db, clock, user, null, ct)).RequireAuthorization(AccessPolicies.Marketing);
        sequences.MapPost("/{key}/resume", (string key, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, NurtureSignal signal, CancellationToken ct) =>
            SetStatusAsync(key, SequenceStatuses.Active, db, clock, user, signal, ct)).RequireAuthorization(AccessPolicies.Marketing);
        sequences.MapPost("/{key}/enrolments", EnrolAsync).RequireAuthorization(AccessPolicies.Marketing);
        sequences.MapGet("/{key}/enrolments", ListEnrolmentsAsync).RequireAuthorization(AccessPolicies.AnyKey);

        var enrolments = admin.MapGroup("/enrolments").WithTags("Nurture");
        enrolments.MapGet("/{id:guid}", GetEnrolmentAsync).RequireAuthorization(AccessPolicies.AnyKey);
        enrolments.MapPost("/{id:guid}/end", EndEnrolmentAsync).RequireAuthorization(AccessPolicies.Marketing);
        admin.MapGet("/nurture/failures", FailuresAsync).WithTags("Nurture").RequireAuthorization(AccessPolicies.AnyKey);
        // The minutely pass would get there; this is for an operator (or a benchmark) who wants due steps run now.
        admin.MapPost("/nurture/run", (NurtureSignal signal) =>
        {
            signal.Notify();
            return TypedResults.Accepted((string?)null);
        }).WithTags("Nurture").RequireAuthorization(AccessPolicies.Marketing);
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

    /// <summary>Saves the draft; it is checked in full when published.</summary>
    private static async Task<Results<Created<SequenceView>, Ok<SequenceView>, ValidationProblem>> PutAsync(
        string key, SequenceDefinition? definition, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!SequenceRules.IsValidKey(key))
        {
            errors["key"] = ["must be 2 to 64 lowercase letters, digits, '-' or '_', starting with a letter"];
        }

        if (definition is null)
        {
            errors["definition"] = ["a JSON sequence definition is required"];
        }

        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        var now = clock.GetUtcNow();
        var sequence = await db.Sequences.SingleOrDefaultAsync(s => s.Key == key, ct);
        var created = sequence is null;
        if (sequence is null)
        {
            sequence = new Sequence { Id = Guid.CreateVersion7(), Key = key, Draft = definition!, Status = SequenceStatuses.Draft, CreatedAt = now };
            db.Sequences.Add(sequence);
        }

        sequence.Draft = definition!;
        sequence.UpdatedAt = now;
        db.AuditEntries.Add(AuditEntry.Create(clock, user.Actor(), created ? "sequence.created" : "sequence.draft_saved", key));
        await db.SaveChangesAsync(ct);
        var view = ToView(sequence, []);
        return created ? TypedResults.Created($"/api/admin/sequences/{key}", view) : TypedResults.Ok(view);
    }

    private static async Task<Results<Created<VersionView>, NotFound, ValidationProblem>> PublishAsync(
        string key, MarketingDbContext db, TemplateStore templates, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await db.Sequences.SingleOrDefaultAsync(s => s.Key == key, ct) is not { } sequence)
        {
            return TypedResults.NotFound();
        }

        var references = await PublishSequence.ReferencesAsync(db, await TemplateLookupAsync(db, templates, ct), ct);
        var outcome = await PublishSequence.HandleAsync(db, sequence, references, user.Actor(), clock.GetUtcNow(), ct);
        if (outcome.Version is not { } version)
        {
            return TypedResults.ValidationProblem(outcome.Errors, title: "The sequence cannot be published.");
        }

        db.AuditEntries.Add(AuditEntry.Create(clock, user.Actor(), "sequence.version_published", $"{key}@{version.Version}", version.Sha256));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/admin/sequences/{key}/versions/{version.Version}", ToView(version));
    }

    /// <summary>Which templates exist, per channel: saved ones and the shipped defaults.</summary>
    private static async Task<Func<string, string, bool>> TemplateLookupAsync(MarketingDbContext db, TemplateStore templates, CancellationToken ct)
    {
        var saved = await db.MessageTemplates.AsNoTracking().Where(t => t.MessageType == MessageTypes.Marketing)
            .Select(t => new { t.Key, t.Channel }).Distinct().ToListAsync(ct);
        var known = saved.Select(t => (t.Key, t.Channel))
            .Concat(templates.Defaults.Where(d => d.MessageType == MessageTypes.Marketing).Select(d => (d.Key, d.Channel)))
            .ToHashSet();
        return (key, channel) => known.Contains((key, channel));
    }

    private static async Task<Results<Ok<VersionView>, NotFound>> GetVersionAsync(string key, int version, MarketingDbContext db, CancellationToken ct)
    {
        var found = await db.SequenceVersions.AsNoTracking()
            .Where(v => v.Version == version && db.Sequences.Any(s => s.Id == v.SequenceId && s.Key == key)).SingleOrDefaultAsync(ct);
        return found is null ? TypedResults.NotFound() : TypedResults.Ok(ToView(found));
    }

    private static async Task<Results<Ok<SequenceView>, NotFound, ProblemHttpResult>> SetStatusAsync(
        string key, string status, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, NurtureSignal? signal, CancellationToken ct)
    {
        if (await db.Sequences.SingleOrDefaultAsync(s => s.Key == key, ct) is not { } sequence)
        {
            return TypedResults.NotFound();
        }

        if (sequence.Status == SequenceStatuses.Draft)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The sequence has never been published.");
        }

        sequence.Status = status;
        sequence.UpdatedAt = clock.GetUtcNow();
        db.AuditEntries.Add(AuditEntry.Create(clock, user.Actor(), status == SequenceStatuses.Paused ? "sequence.paused" : "sequence.resumed", key));
        await db.SaveChangesAsync(ct);
        signal?.Notify();
        return TypedResults.Ok(ToView(sequence, (await CountsAsync(db, sequence.Id, ct)).GetValueOrDefault(sequence.Id) ?? []));
    }

    private static async Task<Results<Ok<EnrolOutcome>, NotFound, ValidationProblem, ProblemHttpResult>> EnrolAsync(
        string key, EnrolRequest? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, NurtureSignal signal, CancellationToken ct)
    {
        if (await db.Sequences.AsNoTracking().SingleOrDefaultAsync(s => s.Key == key, ct) is not { } sequence)
        {
            return TypedResults.NotFound();
        }

        if (request?.PersonIds is not { Count: > 0 and <= 100_000 } people)
        {
            return Problems.Fields(new() { ["personIds"] = ["between 1 and 100000 person ids are required"] });
        }

        if (request.Reference is { Length: > 80 })
        {
            return Problems.Fields(new() { ["reference"] = ["at most 80 characters"] });
        }

        if (sequence.Status != SequenceStatuses.Active)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: sequence.Status == SequenceStatuses.Draft ? "The sequence has never been published." : "The sequence is paused: nobody new enrols until it is resumed.");
        }

        EnrolOutcome outcome;
        try
        {
            outcome = await Enrol.PeopleAsync(db, sequence, people, request.Reference, clock.GetUtcNow(), ct);
        }
        catch (Exception e) when (BulkInsert.IsDuplicate(e))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "Some of these people were being enrolled at the same moment; send the request again (nobody is enrolled twice).");
        }

        db.AuditEntries.Add(AuditEntry.Create(clock, user.Actor(), "sequence.enrolled", key, $"{outcome.Enrolled} enrolled, {outcome.AlreadyEnrolled} already, {outcome.UnknownPeople} unknown"));
        await db.SaveChangesAsync(ct);
        if (outcome.Enrolled > 0)
        {
            signal.Notify();
        }

        return TypedResults.Ok(outcome);
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
        var now = clock.GetUtcNow();
        var reason = $"ended by {user.Actor()}";
        // Only when no pass holds it; clearing the claim also makes a stalled pass that still thinks it holds it fail to save.
        var ended = await db.Enrolments
            .Where(e => e.Id == id && e.Status == EnrolmentStatuses.Active && (e.ClaimedUntil == null || e.ClaimedUntil < now))
            .ExecuteUpdateAsync(u => u
                .SetProperty(e => e.Status, EnrolmentStatuses.Exited)
                .SetProperty(e => e.EndedAt, now)
                .SetProperty(e => e.EndReason, reason)
                .SetProperty(e => e.ClaimedBy, (string?)null)
                .SetProperty(e => e.ClaimedUntil, (DateTimeOffset?)null), ct);
        if (await db.Enrolments.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct) is not { } enrolment)
        {
            return TypedResults.NotFound();
        }

        if (ended == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: enrolment.Status == EnrolmentStatuses.Active
                ? "A pass is advancing this enrolment right now; try again in a moment."
                : $"The enrolment has already ended ({enrolment.Status}).");
        }

        db.AuditEntries.Add(AuditEntry.Create(clock, user.Actor(), "enrolment.ended", id.ToString()));
        await db.SaveChangesAsync(ct);
        var key = await db.Sequences.Where(s => s.Id == enrolment.SequenceId).Select(s => s.Key).SingleAsync(ct);
        return TypedResults.Ok(ToView(enrolment, key));
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

    private static async Task<Dictionary<Guid, Dictionary<string, int>>> CountsAsync(MarketingDbContext db, Guid? sequenceId, CancellationToken ct)
    {
        var query = db.Enrolments.AsNoTracking();
        if (sequenceId is { } id)
        {
            query = query.Where(e => e.SequenceId == id);
        }

        var rows = await query.GroupBy(e => new { e.SequenceId, e.Status }).Select(g => new { g.Key.SequenceId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        return rows.GroupBy(r => r.SequenceId).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Status, r => r.Count));
    }

    private static SequenceView ToView(Sequence s, Dictionary<string, int> counts) => new(s.Key, s.Status, s.LatestVersion, s.Draft, counts, s.CreatedAt, s.UpdatedAt);

    private static VersionView ToView(SequenceVersion v) => new(v.Version, v.Sha256, v.PublishedAt, v.PublishedBy, v.Definition);

    private static EnrolmentView ToView(Enrolment e, string sequence) => new(e.Id, sequence, e.Version, e.PersonId, e.Trigger, e.Status, e.StepId,
        e.DueAt, e.StepsRun, e.EnrolledAt, e.EndedAt, e.EndReason);

    private static StepMessageView ToView(SendRecord r) => new(r.Key, r.Data.GetValueOrDefault("step"), r.Channel, r.Status, r.Decision, r.DecisionReason,
        r.EvidenceKind, r.EvidenceId, r.DueAt, r.SentAt, r.Attempts, r.LastError);
}
