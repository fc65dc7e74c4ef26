using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Leads;

/// <summary>
/// E10, the import provenance ledger of one batch (R51): its metadata and counts as one row, then its refused lines
/// with their numbers. The same rows go out as CSV (formula-safe) or JSON.
/// </summary>
public static class ImportReport
{
    /// <summary>Lists are joined with <c> | </c> so that the CSV keeps one cell per field.</summary>
    public sealed record BatchRow(Guid BatchId, string SourceOrganisation, string? ContractReference, DateTimeOffset? CollectedFrom,
        DateTimeOffset? CollectedTo, string CollectionUrls, string? ConsentWording, string? ConsentWordingSha256, string PartnersShown, string Channels,
        string Purposes, string? ProofLocation, bool HasConsentProof, string? FileName, string Status, long RowsRead, long Created, long Merged,
        long Suppressed, long Refused, long RefusedLinesListed, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);

    public sealed record RefusedRow(long Line, string Field, string Error);

    public static async IAsyncEnumerable<BatchRow> BatchAsync(MarketingDbContext db, ImportBatch b,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var wording = b.ConsentWordingSha256 is { } hash
            ? await db.ConsentWordings.AsNoTracking().Where(w => w.Sha256 == hash).Select(w => w.Text).SingleOrDefaultAsync(ct)
            : null;
        yield return new BatchRow(b.Id, b.SourceOrganisation, b.ContractReference, b.CollectedFrom, b.CollectedTo, Join(b.CollectionUrls), wording,
            b.ConsentWordingSha256, Join(b.PartnersShown), Join(b.Channels), Join(b.Purposes), b.ProofLocation, b.HasConsentProof, b.FileName, b.Status,
            b.RowsRead, b.Created, b.Merged, b.Suppressed, b.Refused, b.RefusedLines.Count, b.CreatedBy, b.CreatedAt, b.CompletedAt);
    }

    public static async IAsyncEnumerable<RefusedRow> RefusedAsync(ImportBatch b, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var line in b.RefusedLines)
        {
            ct.ThrowIfCancellationRequested();
            yield return new RefusedRow(line.Line, line.Field, line.Error);
        }

        await Task.CompletedTask;
    }

    private static string Join(List<string> values) => string.Join(" | ", values);
}
