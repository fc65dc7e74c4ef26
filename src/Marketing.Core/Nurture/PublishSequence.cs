using System.Security.Cryptography;
using System.Text.Json;
using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Marketing.Sending;
using Marketing.Templates;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Nurture;

/// <summary>Publishes a sequence's draft as a new immutable version, once it passes every check; the first publication starts it.</summary>
public static class PublishSequence
{
    private static readonly JsonSerializerOptions Canonical = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static async Task<Outcome<SequenceVersion>> HandleAsync(
        MarketingDbContext db, TemplateStore templates, TimeProvider clock, string key, string actor, CancellationToken ct)
    {
        if (await db.Sequences.SingleOrDefaultAsync(s => s.Key == key, ct) is not { } sequence)
        {
            return new Refusal.NotFound();
        }

        var references = await ReferencesAsync(db, await TemplateLookupAsync(db, templates, ct), ct);
        var errors = SequenceRules.Validate(sequence.Draft, references);
        if (errors.Count > 0)
        {
            return new Refusal.Invalid(errors.Prefixed("definition.", "definition"),
                "The sequence cannot be published.");
        }

        var now = clock.GetUtcNow();
        var json = JsonSerializer.SerializeToUtf8Bytes(sequence.Draft, Canonical);
        var version = new SequenceVersion
        {
            Id = Guid.CreateVersion7(),
            SequenceId = sequence.Id,
            Version = sequence.LatestVersion + 1,
            Definition = JsonSerializer.Deserialize<SequenceDefinition>(json, Canonical)!,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(json)),
            PublishedAt = now,
            PublishedBy = actor,
        };
        db.SequenceVersions.Add(version);
        sequence.LatestVersion = version.Version;
        sequence.UpdatedAt = now;
        if (sequence.Status == SequenceStatuses.Draft)
        {
            sequence.Status = SequenceStatuses.Active;
        }

        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "sequence.version_published", $"{key}@{version.Version}", version.Sha256));
        await db.SaveChangesAsync(ct);
        return version;
    }

    private static async Task<SequenceReferences> ReferencesAsync(MarketingDbContext db, Func<string, string, bool> templateExists, CancellationToken ct)
    {
        var purposes = await db.Purposes.AsNoTracking().ToDictionaryAsync(p => p.Key, ct);
        var forms = (await db.Forms.AsNoTracking().Select(f => f.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        return new SequenceReferences(templateExists, purposes, forms.Contains);
    }

    /// <summary>Which marketing templates exist, per channel: saved ones and the shipped defaults.</summary>
    private static async Task<Func<string, string, bool>> TemplateLookupAsync(MarketingDbContext db, TemplateStore templates, CancellationToken ct)
    {
        var saved = await db.MessageTemplates.AsNoTracking().Where(t => t.MessageType == MessageTypes.Marketing)
            .Select(t => new { t.Key, t.Channel }).Distinct().ToListAsync(ct);
        var known = saved.Select(t => (t.Key, t.Channel))
            .Concat(templates.Defaults.Where(d => d.MessageType == MessageTypes.Marketing).Select(d => (d.Key, d.Channel)))
            .ToHashSet();
        return (key, channel) => known.Contains((key, channel));
    }
}
