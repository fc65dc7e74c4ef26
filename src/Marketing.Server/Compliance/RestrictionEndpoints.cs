using System.Globalization;
using System.Security.Claims;
using Marketing.Access;
using Marketing.Common;
using Marketing.Compliance;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Marketing.Server.Web.Forms;
using Marketing.Suppression;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketing.Server.Compliance;

/// <summary>
/// The DPO's procedures on one person and on the lists: restriction and its lifting (R39), an objection an agent
/// received (R17), the suppression list as a file (E5) and a sequence's send list with the basis used (E2).
/// </summary>
public static class RestrictionEndpoints
{
    public sealed record ReasonRequest(string? Reason);
    public sealed record RestrictionView(Guid PersonId, bool Restricted, DateTimeOffset? RestrictedAt, string? Reason, string? RestrictedBy);
    public sealed record LiftedView(Guid PersonId, bool Restricted, Guid? NoticeSendId);
    public sealed record ObjectionView(Guid PersonId, IReadOnlyList<string> Ledger, int SuppressionsAdded);

    /// <summary>The compliance page's download of the suppression list (E5).</summary>
    public const string WebSuppressionListPath = "/compliance/suppression-list";

    /// <summary>The download of a sequence's send list with the basis used (E2), from the sequence and compliance pages.</summary>
    public const string WebSendListPath = "/compliance/send-list";

    public static RouteGroupBuilder MapRestrictionAdmin(this RouteGroupBuilder admin)
    {
        var people = admin.MapGroup("/people/{id:guid}").WithTags("Compliance").RequireAuthorization(AccessPolicies.Compliance);
        people.MapPost("/restriction", RestrictAsync).WithName("RestrictPerson");
        people.MapPost("/restriction/lift", LiftAsync).WithName("LiftRestriction");
        people.MapPost("/objections", ObjectAsync).WithName("RecordObjection");
        var compliance = admin.MapGroup("/compliance").WithTags("Compliance").RequireAuthorization(AccessPolicies.Compliance);
        compliance.MapGet("/suppression-list", (string? format, string? channel, string? reason, DateTimeOffset? from, DateTimeOffset? to,
                HttpContext http, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
                ExportSuppressionsAsync(format, channel, reason, from, to, http, db, clock, user, ct))
            .WithName("ExportSuppressionList").Produces(StatusCodes.Status200OK, contentType: "application/zip");
        compliance.MapGet("/send-list", (string? format, string? sequence, string? step, string? broadcast, DateTimeOffset? from, DateTimeOffset? to,
                HttpContext http, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
                ExportSendListAsync(format, sequence, step, broadcast, from, to, http, db, clock, user, ct))
            .WithName("ExportSendList").Produces(StatusCodes.Status200OK, contentType: "application/zip");
        return admin;
    }

    /// <summary>The same two files for a signed-in compliance user (an API key never reaches them); a form's empty field is no filter.</summary>
    public static IEndpointRouteBuilder MapWebRestrictionExports(this IEndpointRouteBuilder app)
    {
        app.MapGet(WebSuppressionListPath, (string? format, string? channel, string? reason, DateTimeOffset? from, DateTimeOffset? to,
                HttpContext http, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
                ExportSuppressionsAsync(FormText.Blank(format), FormText.Blank(channel), FormText.Blank(reason), from, to, http, db, clock, user, ct))
            .WithTags("Web").WithName("DownloadSuppressionList").RequireAuthorization(Web.WebPolicies.Compliance).ExcludeFromDescription()
            .WithMetadata(new FollowedInABrowser());
        app.MapGet(WebSendListPath, (string? format, string? sequence, string? step, string? broadcast, DateTimeOffset? from, DateTimeOffset? to,
                HttpContext http, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
                ExportSendListAsync(FormText.Blank(format), FormText.Blank(sequence), FormText.Blank(step), FormText.Blank(broadcast), from, to, http, db, clock, user, ct))
            .WithTags("Web").WithName("DownloadSendList").RequireAuthorization(Web.WebPolicies.Compliance).ExcludeFromDescription()
            .WithMetadata(new FollowedInABrowser());
        return app;
    }

    private sealed class FollowedInABrowser : Microsoft.AspNetCore.Http.Metadata.IAllowCookieRedirectMetadata;

    /// <summary>R39: the DPO's exports include restricted people; everyone else's leave them out.</summary>
    public static bool ExportsRestricted(this ClaimsPrincipal user) => user.IsInRole(ApiKeyRoles.Dpo);

    private static async Task<Results<Ok<RestrictionView>, NotFound, ValidationProblem, ProblemHttpResult>> RestrictAsync(
        Guid id, ReasonRequest? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await RestrictPerson.HandleAsync(db, clock, id, new RestrictPerson.Command(request?.Reason), user.Actor(), ct);
        return outcome.Refusal switch
        {
            null => TypedResults.Ok(new RestrictionView(id, true, outcome.Value.RestrictedAt, outcome.Value.RestrictionReason, outcome.Value.RestrictedBy)),
            Refusal.NotFound => TypedResults.NotFound(),
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            Refusal.Conflict conflict => Problems.Conflict(conflict),
            { } other => throw Problems.Unmapped(other),
        };
    }

    private static async Task<Results<Ok<LiftedView>, NotFound, ValidationProblem, ProblemHttpResult>> LiftAsync(
        Guid id, ReasonRequest? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await LiftRestriction.HandleAsync(db, clock, id, new LiftRestriction.Command(request?.Reason), user.Actor(), ct);
        return outcome.Refusal switch
        {
            null => TypedResults.Ok(new LiftedView(id, false, outcome.Value.Notice?.Id)),
            Refusal.NotFound => TypedResults.NotFound(),
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            Refusal.Conflict conflict => Problems.Conflict(conflict),
            { } other => throw Problems.Unmapped(other),
        };
    }

    private static async Task<Results<Ok<ObjectionView>, NotFound, ValidationProblem>> ObjectAsync(
        Guid id, RecordObjection.Command? request, MarketingDbContext db, AddressHasher hasher, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await ObjectAsAgentAsync(db, hasher, clock, id, request ?? new RecordObjection.Command(null), user.Actor(), ct);
        return outcome.Refusal switch
        {
            null => TypedResults.Ok(new ObjectionView(id, outcome.Value.Ledger, outcome.Value.Suppressed)),
            Refusal.NotFound => TypedResults.NotFound(),
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            { } other => throw Problems.Unmapped(other),
        };
    }

    /// <summary>
    /// An objection an agent received by reply, call, letter or chat (R17): the evidence is the agent's entry, so no IP
    /// or browser of the person's is recorded; the source names the agent.
    /// </summary>
    public static Task<Outcome<RecordObjection.Recorded>> ObjectAsAgentAsync(MarketingDbContext db, AddressHasher hasher, TimeProvider clock, Guid id,
        RecordObjection.Command command, string actor, CancellationToken ct) =>
        RecordObjection.HandleAsync(db, hasher, clock, id, command, new ConsentAction(clock.GetUtcNow(), "agent", null, null, null), $"agent:{actor}", actor, ct);

    /// <summary>The suppression list (E5): hashes only, streamed, with its manifest; audited.</summary>
    private static async Task<Results<EmptyHttpResult, ValidationProblem>> ExportSuppressionsAsync(
        string? format, string? channel, string? reason, DateTimeOffset? from, DateTimeOffset? to,
        HttpContext http, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        format ??= ProofFiles.Csv;
        if (ExportArchive.CheckFilters(format, from, to) is { } problem)
        {
            return problem;
        }

        if (channel is not null and not (SuppressionEntry.AnyChannel or ChannelKeys.Email or ChannelKeys.Sms))
        {
            return Problems.Field("channel", "must be email, sms or *");
        }

        if (reason is not null && !SuppressionReasons.All.Contains(reason))
        {
            return Problems.Field("reason", $"must be one of: {string.Join(", ", SuppressionReasons.All)}");
        }

        var filter = new SuppressionListFilter(channel, reason, from, to);
        var spec = new ExportArchive.Spec("E5 suppression list", "suppression-list", "suppression_list.exported", null,
            new { channel, reason, from, to, format },
            string.Create(CultureInfo.InvariantCulture, $"format={format} channel={channel} reason={reason} from={from:O} to={to:O}"));
        return await ExportArchive.StreamAsync(http, db, clock, user, spec,
        [
            new($"suppression-list.{format}", (stream, token) => ProofFiles.WriteAsync(format, SuppressionList.StreamAsync(db, filter, token), stream, token)),
        ], ct);
    }

    /// <summary>A campaign's sends with the basis each relied on (E2): a sequence's (of one step when given) or a broadcast's; restricted people for the DPO only (R39).</summary>
    private static async Task<Results<EmptyHttpResult, ValidationProblem>> ExportSendListAsync(
        string? format, string? sequence, string? step, string? broadcast, DateTimeOffset? from, DateTimeOffset? to,
        HttpContext http, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        format ??= ProofFiles.Csv;
        if (ExportArchive.CheckFilters(format, from, to) is { } problem)
        {
            return problem;
        }

        var filter = new SendListFilter(sequence, step, from, to, user.ExportsRestricted(), broadcast);
        if (await SendList.CheckAsync(db, filter, ct) is Refusal.Invalid invalid)
        {
            return Problems.Invalid(invalid);
        }

        var spec = new ExportArchive.Spec("E2 send list with the basis used", "send-list", "send_list.exported", broadcast is null ? sequence : SendList.BroadcastPrefix + broadcast,
            new { sequence, step, broadcast, from, to, format, restrictedIncluded = filter.IncludeRestricted },
            string.Create(CultureInfo.InvariantCulture, $"format={format} sequence={sequence} step={step} broadcast={broadcast} from={from:O} to={to:O} restricted={filter.IncludeRestricted}"));
        return await ExportArchive.StreamAsync(http, db, clock, user, spec,
        [
            new($"send-list.{format}", (stream, token) => ProofFiles.WriteAsync(format, SendList.StreamAsync(db, filter, token), stream, token)),
        ], ct);
    }
}
