using System.Globalization;
using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>
/// Adds or changes a processor entry (R43); its key never changes. Each change is audited and leaves a dated notice in
/// the change history (E6). An entry a running channel names cannot be changed into one that channel may not use.
/// </summary>
public static class SaveProcessor
{
    public sealed record Saved(Processor Processor, bool Created);

    public static async Task<Outcome<Saved>> HandleAsync(
        MarketingDbContext db, TimeProvider clock, ChannelProcessors channels, string key, ProcessorInput input, string actor, CancellationToken ct)
    {
        var errors = ProcessorRules.Validate(key, input);
        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        var now = clock.GetUtcNow();
        var processor = await db.Processors.SingleOrDefaultAsync(p => p.Key == key, ct);
        var created = processor is null;
        processor ??= new Processor { Id = Guid.CreateVersion7(), Key = key, LegalName = "", Role = "", Service = "", SubProcessorsUrl = "", CreatedAt = now };
        processor.LegalName = input.LegalName!.Trim();
        processor.Role = input.Role!;
        processor.Service = input.Service!.Trim();
        processor.DataCategories = [.. input.DataCategories!.Select(c => c.Trim()).Distinct()];
        processor.StorageCountries = [.. input.StorageCountries!.Distinct()];
        processor.AccessCountries = [.. input.AccessCountries!.Distinct()];
        processor.TransferMechanism = input.TransferMechanism;
        processor.TransferDocument = Blank(input.TransferDocument);
        processor.DpaDate = input.DpaDate!.Value;
        processor.DpaReference = Blank(input.DpaReference);
        processor.SubProcessorsUrl = input.SubProcessorsUrl!;
        processor.DpfCertified = input.DpfCertified == true;
        processor.DpfVerifiedOn = processor.DpfCertified ? input.DpfVerifiedOn : null;

        // R44: a running channel keeps a processor it may use; the change that would take that away is refused.
        foreach (var use in channels.OnFor(key))
        {
            if (channels.Problem(use, processor) is { } problem)
            {
                db.ChangeTracker.Clear();
                return Refusal.Field("transferMechanism", problem);
            }
        }

        if (created)
        {
            db.Processors.Add(processor);
        }

        processor.UpdatedAt = now;
        var summary = Summary(processor);
        db.ProcessorChanges.Add(new ProcessorChange
        {
            Id = Guid.CreateVersion7(), ProcessorKey = key, Change = created ? "added" : "changed", Actor = actor, At = now, Summary = summary,
        });
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, created ? "processor.added" : "processor.changed", key, summary));
        await db.SaveChangesAsync(ct);
        return new Saved(processor, created);
    }

    /// <summary>The entry in one line, for the change history and the audit log.</summary>
    public static string Summary(Processor p) => string.Create(CultureInfo.InvariantCulture,
        $"{p.LegalName}; role={p.Role}; service={p.Service}; data={string.Join('|', p.DataCategories)}; storage={string.Join('|', p.StorageCountries)}; "
        + $"access={string.Join('|', p.AccessCountries)}; mechanism={p.TransferMechanism ?? "none"}; document={p.TransferDocument ?? ""}; dpa={p.DpaDate:yyyy-MM-dd} {p.DpaReference}; "
        + $"subprocessors={p.SubProcessorsUrl}; dpf={(p.DpfCertified ? $"certified, checked {p.DpfVerifiedOn:yyyy-MM-dd}" : "no")}");

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
