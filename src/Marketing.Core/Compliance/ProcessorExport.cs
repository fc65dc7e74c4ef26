using System.Globalization;
using System.Runtime.CompilerServices;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>E6: the processors and where each keeps and reads the data (R43, R44), and the dated history of changes to the list.</summary>
public static class ProcessorExport
{
    public sealed record Row(
        string Key, string LegalName, string Role, string Service, string DataCategories, string StorageCountries, string AccessCountries,
        string Transfers, string TransferMechanism, string TransferDocument, string DpaDate, string DpaReference, string SubProcessorsUrl,
        bool DpfCertified, string DpfVerifiedOn, string DpfReviewDue, string Channels, DateTimeOffset UpdatedAt);

    public sealed record ChangeRow(DateTimeOffset At, string ProcessorKey, string Change, string Actor, string Summary);

    public static async IAsyncEnumerable<Row> StreamAsync(MarketingDbContext db, ChannelProcessors channels, DateOnly today, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var p in db.Processors.AsNoTracking().OrderBy(p => p.Key).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return new Row(p.Key, p.LegalName, p.Role, p.Service, string.Join("|", p.DataCategories), string.Join("|", p.StorageCountries),
                string.Join("|", p.AccessCountries),
                string.Join("|", TransferRules.TransfersOf(p).Select(t => $"{t.Country}:{t.Standing.ToString().ToLowerInvariant()}:{(t.Covered ? "covered" : "uncovered")}")),
                p.TransferMechanism ?? "", p.TransferDocument ?? "", p.DpaDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.DpaReference ?? "",
                p.SubProcessorsUrl, p.DpfCertified, p.DpfVerifiedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                TransferRules.DpfReviewDue(p, today) ? "yes" : "no",
                string.Join("|", channels.Uses.Where(u => u.ProcessorKey == p.Key).Select(u => $"{u.Channel}:{(u.On ? "on" : "off")}")), p.UpdatedAt);
        }
    }

    public static async IAsyncEnumerable<ChangeRow> ChangesAsync(MarketingDbContext db, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var c in db.ProcessorChanges.AsNoTracking().OrderBy(c => c.At).ThenBy(c => c.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return new ChangeRow(c.At, c.ProcessorKey, c.Change, c.Actor, c.Summary);
        }
    }
}
