using Marketing.Compliance;
using Marketing.Data;
using Marketing.Server.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Compliance;

/// <summary>
/// R43, R44: a channel that sends personal data to a processor starts only once that processor's entry exists (and,
/// with <c>Marketing:DataRegion=eu-only</c>, covers every transfer outside the EEA); otherwise the start is refused
/// with one line naming what is missing, as a bad setting is (exit code 2).
/// </summary>
public static class ChannelProcessorCheck
{
    public static async Task RequireAsync(MarketingDbContext db, ResolvedSettings settings, CancellationToken ct)
    {
        var channels = settings.ChannelProcessors;
        var keys = channels.Uses.Where(u => u.On).Select(u => u.ProcessorKey).Distinct().ToList();
        if (keys.Count == 0)
        {
            return;
        }

        var processors = await db.Processors.AsNoTracking().Where(p => keys.Contains(p.Key)).ToDictionaryAsync(p => p.Key, ct);
        foreach (var use in channels.Uses.Where(u => u.On))
        {
            var processor = processors.GetValueOrDefault(use.ProcessorKey);
            if (channels.Problem(use, processor) is { } problem)
            {
                throw new StartupException($"invalid setting {(processor is null ? use.Setting : DataRegions.Key)}: {problem}");
            }
        }
    }
}
