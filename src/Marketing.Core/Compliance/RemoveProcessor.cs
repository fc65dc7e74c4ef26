using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>Removes a processor entry no running channel names (R43), leaving a dated notice in the change history.</summary>
public static class RemoveProcessor
{
    public static async Task<Outcome<Processor>> HandleAsync(
        MarketingDbContext db, TimeProvider clock, ChannelProcessors channels, string key, string actor, CancellationToken ct)
    {
        var processor = await db.Processors.SingleOrDefaultAsync(p => p.Key == key, ct);
        if (processor is null)
        {
            return new Refusal.NotFound();
        }

        if (channels.OnFor(key).FirstOrDefault() is { } use)
        {
            return new Refusal.Conflict("The processor is in use", $"the {use.Channel} channel is on and names it ({use.Setting}); switch the channel off or name another processor first");
        }

        var now = clock.GetUtcNow();
        db.Processors.Remove(processor);
        db.ProcessorChanges.Add(new ProcessorChange
        {
            Id = Guid.CreateVersion7(), ProcessorKey = key, Change = "removed", Actor = actor, At = now, Summary = SaveProcessor.Summary(processor),
        });
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "processor.removed", key, processor.LegalName));
        await db.SaveChangesAsync(ct);
        return processor;
    }
}
