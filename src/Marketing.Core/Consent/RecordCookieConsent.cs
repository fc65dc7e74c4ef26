using System.Text.RegularExpressions;
using Marketing.Common;
using Marketing.Data;

namespace Marketing.Consent;

/// <summary>What the banner posts after each choice.</summary>
public sealed record CookieConsentInput(
    string? ConsentId,
    int? Version,
    string? ConfigHash,
    string? Action,
    Dictionary<string, bool>? Categories,
    Dictionary<string, bool>? Services,
    string? PageUrl,
    string? Locale,
    bool? Gpc);

public static partial class RecordCookieConsent
{
    [GeneratedRegex("^[A-Za-z0-9-]{16,64}$")]
    private static partial Regex ConsentIdPattern();

    /// <summary>Records a visitor's choice on the banner version it was made on (R28), or names every field at fault and stores nothing.</summary>
    public static async Task<Outcome<CookieConsentRecord>> HandleAsync(
        MarketingDbContext db, BannerVersion version, CookieConsentInput input, string? ipAddress, DateTimeOffset now, CancellationToken ct)
    {
        var (record, errors) = Build(version, input, ipAddress, now);
        if (record is null)
        {
            return Refusal.Fields(errors);
        }

        db.CookieConsentRecords.Add(record);
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>
    /// Checks a choice against the banner version it was made on and builds its record, or names every field
    /// at fault. The choices are stored complete: a service the banner did not mention follows its category.
    /// </summary>
    public static (CookieConsentRecord? Record, Dictionary<string, string[]> Errors) Build(
        BannerVersion version, CookieConsentInput input, string? ipAddress, DateTimeOffset now)
    {
        var banner = version.Snapshot;
        var errors = new Dictionary<string, string[]>();
        if (input.ConsentId is null || !ConsentIdPattern().IsMatch(input.ConsentId))
        {
            errors["consentId"] = ["must be the visitor's random consent id: 16 to 64 letters, digits or hyphens"];
        }

        if (input.ConfigHash != version.Sha256)
        {
            errors["configHash"] = [$"does not match the configuration of version {version.Version}"];
        }

        if (input.Action is null || !CookieConsentActions.All.Contains(input.Action))
        {
            errors["action"] = [$"must be one of: {string.Join(", ", CookieConsentActions.All)}"];
        }

        if (input.Locale is null || !banner.Locales.Contains(input.Locale))
        {
            errors["locale"] = [$"must be one of the banner's locales: {string.Join(", ", banner.Locales)}"];
        }

        if (input.PageUrl is not null && (input.PageUrl.Length > 2000 || !Uri.TryCreate(input.PageUrl, UriKind.Absolute, out var page)
            || (page.Scheme != Uri.UriSchemeHttps && page.Scheme != Uri.UriSchemeHttp)))
        {
            errors["pageUrl"] = ["must be the absolute http(s) URL of the page, at most 2000 characters"];
        }

        var categories = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        if (input.Categories is null)
        {
            errors["categories"] = ["is required: true or false for each category"];
        }
        else
        {
            foreach (var key in input.Categories.Keys.Where(k => banner.Categories.All(c => c.Key != k)))
            {
                errors[$"categories.{key}"] = [$"is not a category of version {version.Version}"];
            }

            foreach (var category in banner.Categories)
            {
                if (category.Required)
                {
                    if (input.Categories.TryGetValue(category.Key, out var given) && !given)
                    {
                        errors[$"categories.{category.Key}"] = ["is strictly necessary: it cannot be refused"];
                    }

                    categories[category.Key] = true;
                }
                else if (input.Categories.TryGetValue(category.Key, out var granted))
                {
                    categories[category.Key] = granted;
                }
                else
                {
                    errors[$"categories.{category.Key}"] = ["is required: the visitor's choice for this category"];
                }
            }
        }

        var services = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        foreach (var key in (input.Services ?? []).Keys.Where(k => banner.Services.All(s => s.Key != k)))
        {
            errors[$"services.{key}"] = [$"is not a service of version {version.Version}"];
        }

        foreach (var service in banner.Services)
        {
            services[service.Key] = input.Services?.TryGetValue(service.Key, out var granted) == true ? granted : categories.GetValueOrDefault(service.Category);
        }

        // ADR 13: with Global Privacy Control on, nothing marked marketing is granted; the banner offers no override.
        if (input.Gpc == true)
        {
            foreach (var category in banner.Categories.Where(c => c.Marketing && !c.Required && categories.GetValueOrDefault(c.Key)))
            {
                errors[$"categories.{category.Key}"] = ["cannot be granted while the browser sends Global Privacy Control"];
            }

            foreach (var service in banner.Services.Where(s => services[s.Key] && banner.Categories.Single(c => c.Key == s.Category) is { Marketing: true, Required: false }))
            {
                errors[$"services.{service.Key}"] = ["cannot be granted while the browser sends Global Privacy Control"];
            }
        }

        // A refusal, by button or by closing the banner, grants nothing beyond what is strictly necessary (R23).
        if (input.Action is CookieConsentActions.RejectAll or CookieConsentActions.Close)
        {
            foreach (var category in banner.Categories.Where(c => !c.Required && categories.GetValueOrDefault(c.Key)))
            {
                errors[$"categories.{category.Key}"] = [$"cannot be granted by '{input.Action}'"];
            }

            foreach (var service in banner.Services.Where(s => services[s.Key] && !banner.Categories.Single(c => c.Key == s.Category).Required))
            {
                errors[$"services.{service.Key}"] = [$"cannot be granted by '{input.Action}'"];
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new CookieConsentRecord
        {
            Id = Guid.CreateVersion7(),
            ConsentId = input.ConsentId!,
            SiteId = version.SiteId,
            BannerVersion = version.Version,
            BannerSha256 = version.Sha256,
            Action = input.Action!,
            Choices = new CookieChoices(categories, services),
            PageUrl = input.PageUrl,
            Locale = input.Locale!,
            Gpc = input.Gpc ?? false,
            IpAddress = ipAddress,
            OccurredAt = now,
            ExpiresAt = now.AddDays(banner.RenewAfterDays),
        }, errors);
    }
}
