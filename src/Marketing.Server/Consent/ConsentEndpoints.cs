using System.Security.Claims;
using Marketing.Common;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Consent;

/// <summary>
/// Purposes with their lawful bases (R1), and notices published as immutable, hashed versions (R11, R12); saving and
/// publishing are the Core use cases <see cref="SavePurpose"/>, <see cref="CreateNotice"/> and <see cref="PublishNoticeVersion"/>.
/// </summary>
public static class ConsentEndpoints
{
    public sealed record PurposeView(Guid Id, string Key, Dictionary<string, string> Names, Dictionary<string, string> Descriptions,
        List<string> Channels, Dictionary<string, PurposeBasis> Bases, int RetentionDays, string RetentionPolicy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
    public sealed record CreateNoticeRequest(string? Kind);
    public sealed record NoticeVersionView(Guid Id, string Locale, int Version, string Sha256, string Text, string? Url, DateTimeOffset PublishedAt);
    public sealed record NoticeView(Guid Id, string Key, string Kind, IReadOnlyList<NoticeVersionView> Versions);

    public static RouteGroupBuilder MapConsentAdmin(this RouteGroupBuilder admin)
    {
        var purposes = admin.MapGroup("/purposes").WithTags("Consent");
        purposes.MapGet("/", ListPurposesAsync).WithName("ListPurposes").RequireAuthorization(AccessPolicies.AnyKey);
        purposes.MapGet("/{key}", GetPurposeAsync).WithName("GetPurpose").RequireAuthorization(AccessPolicies.AnyKey);
        purposes.MapPut("/{key}", PutPurposeAsync).WithName("PutPurpose").RequireAuthorization(AccessPolicies.Admin);

        var notices = admin.MapGroup("/notices").WithTags("Consent");
        notices.MapGet("/{key}", GetNoticeAsync).WithName("GetNotice").RequireAuthorization(AccessPolicies.AnyKey);
        notices.MapPut("/{key}", PutNoticeAsync).WithName("PutNotice").RequireAuthorization(AccessPolicies.Admin);
        notices.MapPost("/{key}/versions", PublishVersionAsync).WithName("PublishNoticeVersion").RequireAuthorization(AccessPolicies.Admin);
        return admin;
    }

    private static async Task<Ok<List<PurposeView>>> ListPurposesAsync(MarketingDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Purposes.AsNoTracking().OrderBy(p => p.Key).ToListAsync(ct)).Select(ToView).ToList());

    private static async Task<Results<Ok<PurposeView>, NotFound>> GetPurposeAsync(string key, MarketingDbContext db, CancellationToken ct) =>
        await db.Purposes.AsNoTracking().SingleOrDefaultAsync(p => p.Key == key, ct) is { } purpose ? TypedResults.Ok(ToView(purpose)) : TypedResults.NotFound();

    private static async Task<Results<Created<PurposeView>, Ok<PurposeView>, ValidationProblem>> PutPurposeAsync(
        string key, PurposeInput? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await SavePurpose.HandleAsync(db, clock, key, request ?? new PurposeInput(null, null, null, null, null), user.Actor(), ct);
        return outcome.Refusal switch
        {
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            _ when outcome.Value.Created => TypedResults.Created($"/api/admin/purposes/{key}", ToView(outcome.Value.Purpose)),
            _ => TypedResults.Ok(ToView(outcome.Value.Purpose)),
        };
    }

    private static async Task<Results<Ok<NoticeView>, NotFound>> GetNoticeAsync(string key, MarketingDbContext db, CancellationToken ct)
    {
        var notice = await db.Notices.AsNoTracking().SingleOrDefaultAsync(n => n.Key == key, ct);
        return notice is null ? TypedResults.NotFound() : TypedResults.Ok(await ToViewAsync(db, notice, ct));
    }

    private static async Task<Results<Created<NoticeView>, Ok<NoticeView>, ValidationProblem>> PutNoticeAsync(
        string key, CreateNoticeRequest? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await CreateNotice.HandleAsync(db, clock, key, request?.Kind, user.Actor(), ct);
        return outcome.Refusal switch
        {
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            _ when outcome.Value.IsNew => TypedResults.Created($"/api/admin/notices/{key}", await ToViewAsync(db, outcome.Value.Notice, ct)),
            _ => TypedResults.Ok(await ToViewAsync(db, outcome.Value.Notice, ct)),
        };
    }

    private static async Task<Results<Created<NoticeVersionView>, NotFound, ValidationProblem>> PublishVersionAsync(
        string key, PublishNoticeVersion.Command? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await PublishNoticeVersion.HandleAsync(db, clock, key, request ?? new PublishNoticeVersion.Command(null, null, null), user.Actor(), ct);
        return outcome.Refusal switch
        {
            Refusal.NotFound => TypedResults.NotFound(),
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            _ => TypedResults.Created($"/api/admin/notices/{key}", ToView(outcome.Value)),
        };
    }

    private static async Task<NoticeView> ToViewAsync(MarketingDbContext db, Notice notice, CancellationToken ct)
    {
        var versions = await db.NoticeVersions.AsNoTracking().Where(v => v.NoticeId == notice.Id).OrderBy(v => v.Locale).ThenBy(v => v.Version).ToListAsync(ct);
        return new NoticeView(notice.Id, notice.Key, notice.Kind, versions.Select(ToView).ToList());
    }

    private static NoticeVersionView ToView(NoticeVersion v) => new(v.Id, v.Locale, v.Version, v.Sha256, v.Text, v.Url, v.PublishedAt);

    private static PurposeView ToView(Purpose p) =>
        new(p.Id, p.Key, p.Names, p.Descriptions, p.Channels, p.Bases, p.RetentionDays, p.RetentionPolicy, p.CreatedAt, p.UpdatedAt);
}
