using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Consent;

/// <summary>
/// Publishes new wording of a notice in one locale as version n+1 with its SHA-256. Earlier versions stay as they
/// were: a consent points at the exact version the person saw, which is what proves it (invariant 5, R11).
/// </summary>
public static class PublishNoticeVersion
{
    public const int MaxTextLength = 20_000;

    /// <param name="Url">Where the full notice is published; required for a privacy notice (R12).</param>
    public sealed record Command(string? Locale, string? Text, string? Url);

    public static async Task<Outcome<NoticeVersion>> HandleAsync(
        MarketingDbContext db, TimeProvider clock, string key, Command command, string actor, CancellationToken ct)
    {
        var notice = await db.Notices.AsNoTracking().SingleOrDefaultAsync(n => n.Key == key, ct);
        if (notice is null)
        {
            return new Refusal.NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        if (!PurposeRules.IsValidLocale(command.Locale))
        {
            errors["locale"] = ["is required: a locale such as en or fr-FR"];
        }

        if (string.IsNullOrWhiteSpace(command.Text) || command.Text.Length > MaxTextLength)
        {
            errors["text"] = [$"is required, at most {MaxTextLength} characters: the exact wording people are shown"];
        }

        if (command.Url is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            errors["url"] = ["must be an absolute http(s) URL"];
        }
        else if (notice.Kind == NoticeKinds.Privacy && command.Url is null)
        {
            errors["url"] = ["a privacy notice version needs the URL where the full notice is published"];
        }

        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        var locale = command.Locale!;
        var latest = await db.NoticeVersions.Where(v => v.NoticeId == notice.Id && v.Locale == locale).MaxAsync(v => (int?)v.Version, ct) ?? 0;
        var version = new NoticeVersion
        {
            Id = Guid.CreateVersion7(),
            NoticeId = notice.Id,
            Locale = locale,
            Version = latest + 1,
            Text = command.Text!,
            Sha256 = NoticeVersion.HashText(command.Text!),
            Url = command.Url,
            PublishedAt = clock.GetUtcNow(),
        };
        db.NoticeVersions.Add(version);
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "notice.version_published", $"{key}/{locale}@{version.Version}", version.Sha256));
        await db.SaveChangesAsync(ct);
        return version;
    }
}
