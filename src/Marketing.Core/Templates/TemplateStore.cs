using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Templates;

/// <summary>
/// Finds the template to use: one saved through the admin API wins over the shipped default of the same key
/// and locale; a missing locale falls back to English, then to any locale the template has.
/// </summary>
public sealed class TemplateStore(string defaultsDirectory)
{
    public const string FallbackLocale = "en";

    private readonly Lazy<IReadOnlyList<TemplateDocument>> _defaults = new(() => TemplateFiles.Load(defaultsDirectory));

    public IReadOnlyList<TemplateDocument> Defaults => _defaults.Value;

    /// <summary>Every template of these keys, saved ones first, for a whole batch in one query.</summary>
    public async Task<TemplateSet> LoadAsync(MarketingDbContext db, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var wanted = keys.Append(TemplateFiles.LayoutKey).Distinct().ToList();
        var saved = await db.MessageTemplates.AsNoTracking().Where(t => wanted.Contains(t.Key)).ToListAsync(ct);
        var documents = saved.Select(t => new TemplateDocument(t.Key, t.Locale, t.MessageType, t.Subject, t.Html, t.Text, t.Channel))
            .Concat(Defaults.Where(d => wanted.Contains(d.Key)))
            .ToList();
        return new TemplateSet(documents);
    }
}

public sealed class TemplateSet(IReadOnlyList<TemplateDocument> documents)
{
    /// <param name="channel">When given, a template of another channel with the same key is never taken.</param>
    public TemplateDocument? Find(string key, string? locale, string? channel = null)
    {
        var ofKey = documents.Where(d => d.Key == key && (channel is null || d.Channel == channel)).ToList();
        return ofKey.FirstOrDefault(d => d.Locale == locale)
            ?? ofKey.FirstOrDefault(d => locale is not null && d.Locale == locale.Split('-')[0])
            ?? ofKey.FirstOrDefault(d => d.Locale == TemplateStore.FallbackLocale)
            ?? ofKey.FirstOrDefault();
    }
}
