using System.Security.Claims;
using Marketing.Access;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Consent;

/// <summary>Purposes with their lawful bases (R1), and notices published as immutable, hashed versions (R11, R12).</summary>
public static class ConsentEndpoints
{
    public sealed record PurposeView(Guid Id, string Key, Dictionary<string, string> Names, Dictionary<string, string> Descriptions,
        List<string> Channels, Dictionary<string, PurposeBasis> Bases, int RetentionDays, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
    public sealed record CreateNoticeRequest(string? Kind);
    public sealed record PublishNoticeVersionRequest(string? Locale, string? Text, string? Url);
    public sealed record NoticeVersionView(Guid Id, string Locale, int Version, string Sha256, string Text, string? Url, DateTimeOffset PublishedAt);
    public sealed record NoticeView(Guid Id, string Key, string Kind, IReadOnlyList<NoticeVersionView> Versions);

    public const int MaxNoticeLength = 20_000;

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

    /// <summary>Creates or updates a purpose; its key never changes. Every change is audited.</summary>
    private static async Task<Results<Created<PurposeView>, Ok<PurposeView>, ValidationProblem>> PutPurposeAsync(
        string key, PurposeInput? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var input = request ?? new PurposeInput(null, null, null, null, null);
        var errors = PurposeRules.Validate(key, input);
        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        var now = clock.GetUtcNow();
        var purpose = await db.Purposes.SingleOrDefaultAsync(p => p.Key == key, ct);
        var created = purpose is null;
        if (purpose is null)
        {
            purpose = new Purpose { Id = Guid.CreateVersion7(), Key = key, CreatedAt = now };
            db.Purposes.Add(purpose);
        }

        purpose.Names = input.Names!;
        purpose.Descriptions = input.Descriptions ?? [];
        purpose.Channels = [.. input.Channels!.Distinct()];
        purpose.Bases = input.Bases!;
        purpose.RetentionDays = input.RetentionDays!.Value;
        purpose.UpdatedAt = now;
        db.AuditEntries.Add(AuditEntry.Create(clock, user.Actor(), created ? "purpose.created" : "purpose.updated", key,
            string.Join(' ', purpose.Bases.Select(b => $"{b.Key}={b.Value.Basis}"))));
        await db.SaveChangesAsync(ct);
        return created ? TypedResults.Created($"/api/admin/purposes/{key}", ToView(purpose)) : TypedResults.Ok(ToView(purpose));
    }

    private static async Task<Results<Ok<NoticeView>, NotFound>> GetNoticeAsync(string key, MarketingDbContext db, CancellationToken ct)
    {
        var notice = await db.Notices.AsNoTracking().SingleOrDefaultAsync(n => n.Key == key, ct);
        return notice is null ? TypedResults.NotFound() : TypedResults.Ok(await ToViewAsync(db, notice, ct));
    }

    private static async Task<Results<Created<NoticeView>, Ok<NoticeView>, ValidationProblem>> PutNoticeAsync(
        string key, CreateNoticeRequest? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!PurposeRules.IsValidKey(key))
        {
            errors["key"] = ["must be 2 to 64 lowercase letters, digits or underscores, starting with a letter"];
        }

        if (request?.Kind is not { } kind || !NoticeKinds.All.Contains(kind))
        {
            errors["kind"] = [$"must be one of: {string.Join(", ", NoticeKinds.All)}"];
        }

        var existing = await db.Notices.AsNoTracking().SingleOrDefaultAsync(n => n.Key == key, ct);
        if (existing is not null && request?.Kind is not null && existing.Kind != request.Kind)
        {
            errors["kind"] = [$"notice '{key}' is a {existing.Kind} notice; its kind cannot change"];
        }

        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        if (existing is not null)
        {
            return TypedResults.Ok(await ToViewAsync(db, existing, ct));
        }

        var notice = new Notice { Id = Guid.CreateVersion7(), Key = key, Kind = request!.Kind!, CreatedAt = clock.GetUtcNow() };
        db.Notices.Add(notice);
        db.AuditEntries.Add(AuditEntry.Create(clock, user.Actor(), "notice.created", key, notice.Kind));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/admin/notices/{key}", await ToViewAsync(db, notice, ct));
    }

    /// <summary>Publishes new wording: a new version with its SHA-256. Earlier versions stay as they were.</summary>
    private static async Task<Results<Created<NoticeVersionView>, NotFound, ValidationProblem>> PublishVersionAsync(
        string key, PublishNoticeVersionRequest? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var notice = await db.Notices.AsNoTracking().SingleOrDefaultAsync(n => n.Key == key, ct);
        if (notice is null)
        {
            return TypedResults.NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        if (!PurposeRules.IsValidLocale(request?.Locale))
        {
            errors["locale"] = ["is required: a locale such as en or fr-FR"];
        }

        if (string.IsNullOrWhiteSpace(request?.Text) || request.Text.Length > MaxNoticeLength)
        {
            errors["text"] = [$"is required, at most {MaxNoticeLength} characters: the exact wording people are shown"];
        }

        if (request?.Url is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            errors["url"] = ["must be an absolute http(s) URL"];
        }
        else if (notice.Kind == NoticeKinds.Privacy && request?.Url is null)
        {
            errors["url"] = ["a privacy notice version needs the URL where the full notice is published"];
        }

        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        var locale = request!.Locale!;
        var latest = await db.NoticeVersions.Where(v => v.NoticeId == notice.Id && v.Locale == locale).MaxAsync(v => (int?)v.Version, ct) ?? 0;
        var version = new NoticeVersion
        {
            Id = Guid.CreateVersion7(),
            NoticeId = notice.Id,
            Locale = locale,
            Version = latest + 1,
            Text = request.Text!,
            Sha256 = NoticeVersion.HashText(request.Text!),
            Url = request.Url,
            PublishedAt = clock.GetUtcNow(),
        };
        db.NoticeVersions.Add(version);
        db.AuditEntries.Add(AuditEntry.Create(clock, user.Actor(), "notice.version_published", $"{key}/{locale}@{version.Version}", version.Sha256));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/admin/notices/{key}", ToView(version));
    }

    private static async Task<NoticeView> ToViewAsync(MarketingDbContext db, Notice notice, CancellationToken ct)
    {
        var versions = await db.NoticeVersions.AsNoTracking().Where(v => v.NoticeId == notice.Id).OrderBy(v => v.Locale).ThenBy(v => v.Version).ToListAsync(ct);
        return new NoticeView(notice.Id, notice.Key, notice.Kind, versions.Select(ToView).ToList());
    }

    private static NoticeVersionView ToView(NoticeVersion v) => new(v.Id, v.Locale, v.Version, v.Sha256, v.Text, v.Url, v.PublishedAt);

    private static PurposeView ToView(Purpose p) =>
        new(p.Id, p.Key, p.Names, p.Descriptions, p.Channels, p.Bases, p.RetentionDays, p.CreatedAt, p.UpdatedAt);
}
