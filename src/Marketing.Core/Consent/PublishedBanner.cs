using System.Security.Cryptography;
using System.Text.Json;
using Marketing.Data;

namespace Marketing.Consent;

/// <summary>
/// A published banner version with every text resolved, per locale. Stored once and never changed; its
/// SHA-256 is what a cookie-consent record names as the configuration the visitor saw (R28).
/// </summary>
public sealed record PublishedBanner(
    string SiteId,
    int Version,
    IReadOnlyList<string> Locales,
    string DefaultLocale,
    int RenewAfterDays,
    bool GoogleConsentMode,
    string? PrivacyPolicyUrl,
    IReadOnlyList<PublishedCategory> Categories,
    IReadOnlyList<PublishedService> Services,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Texts)
{
    public string LocaleFor(string? requested)
    {
        if (string.IsNullOrEmpty(requested))
        {
            return DefaultLocale;
        }

        if (Locales.Contains(requested))
        {
            return requested;
        }

        var language = requested.Split('-')[0].ToLowerInvariant();
        return Locales.FirstOrDefault(l => l == language) ?? DefaultLocale;
    }

    /// <summary>SHA-256 of the snapshot's JSON, lowercase hex: texts, purposes, vendors, durations and options together.</summary>
    public string ComputeSha256() => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(this, JsonColumn.Options)));
}

public sealed record PublishedCategory(
    string Key,
    bool Required,
    bool Marketing,
    IReadOnlyDictionary<string, string> Names,
    IReadOnlyDictionary<string, string> Descriptions,
    IReadOnlyList<string> GoogleConsent);

public sealed record PublishedService(
    string Key,
    string Name,
    string Category,
    string Provider,
    IReadOnlyDictionary<string, string> Purposes,
    string? PrivacyPolicyUrl,
    IReadOnlyList<PublishedCookie> Cookies);

public sealed record PublishedCookie(string Name, int LifetimeDays);
