using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Templates;

/// <summary>The templates as an editor sees them: saved ones, and the shipped defaults no saved one overrides.</summary>
public static class ReadTemplates
{
    public const string Saved = "saved";
    public const string Default = "default";

    /// <param name="Origin"><see cref="Saved"/> (through the API or the app) or <see cref="Default"/> (shipped in <c>templates/</c>).</param>
    public sealed record Row(string Key, string Locale, string Channel, string MessageType, string Subject, string Html, string? Text, string Origin)
    {
        public TemplateDocument Document => new(Key, Locale, MessageType, Subject, Html, Text, Channel);
    }

    /// <summary>Every template, by key then locale.</summary>
    public static async Task<List<Row>> ListAsync(MarketingDbContext db, TemplateStore store, CancellationToken ct)
    {
        var saved = await db.MessageTemplates.AsNoTracking().ToListAsync(ct);
        return [.. saved.Select(t => new Row(t.Key, t.Locale, t.Channel, t.MessageType, t.Subject, t.Html, t.Text, Saved))
            .Concat(store.Defaults.Where(d => !saved.Any(s => s.Key == d.Key && s.Locale == d.Locale)).Select(Of))
            .OrderBy(v => v.Key, StringComparer.Ordinal).ThenBy(v => v.Locale, StringComparer.Ordinal)];
    }

    /// <summary>The template of exactly this key and locale (no fallback: an editor edits what is there), or null.</summary>
    public static async Task<Row?> OneAsync(MarketingDbContext db, TemplateStore store, string key, string locale, CancellationToken ct)
    {
        if (await db.MessageTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Key == key && t.Locale == locale, ct) is { } t)
        {
            return new Row(t.Key, t.Locale, t.Channel, t.MessageType, t.Subject, t.Html, t.Text, Saved);
        }

        return store.Defaults.FirstOrDefault(d => d.Key == key && d.Locale == locale) is { } d ? Of(d) : null;
    }

    /// <summary>Why only an admin may save this key (R60), or null when a marketer may: <see cref="TemplateAuthority"/> over every template the key has.</summary>
    public static async Task<string?> AdminOnlyBecauseAsync(MarketingDbContext db, TemplateStore store, string key, string? messageType, CancellationToken ct)
    {
        var saved = await db.MessageTemplates.AsNoTracking().Where(t => t.Key == key).Select(t => t.MessageType).ToListAsync(ct);
        return TemplateAuthority.AdminOnlyBecause(key, messageType, saved.Concat(store.Defaults.Where(d => d.Key == key).Select(d => d.MessageType)));
    }

    private static Row Of(TemplateDocument d) => new(d.Key, d.Locale, d.Channel, d.MessageType, d.Subject, d.Html, d.Text, Default);
}
