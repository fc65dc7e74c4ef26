using Marketing.Capture;
using Marketing.Nurture;
using Marketing.Sending;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Marketing.Data;

/// <summary>
/// SQLite runs in the process and lets one writer in at a time: plain EF, the check of a claim repeated in its
/// update so that a second pass skips what the first took.
/// </summary>
internal sealed class SqliteQueries : IProviderQueries
{
    // SQLite keeps instants as ticks (MarketingDbContext's conventions): a raw parameter must be given as the column holds it.
    private static readonly DateTimeOffsetToBinaryConverter Instants = new();

    public async Task SaveWithNewRowsAsync(MarketingDbContext db, IReadOnlyList<IReadOnlyList<object>> newRowsByTable, CancellationToken ct)
    {
        foreach (var rows in newRowsByTable)
        {
            db.AddRange(rows);
        }

        await db.SaveChangesAsync(ct);
    }

    public MarketingDbContext OpenBeside(MarketingDbContext db) =>
        new(new DbContextOptionsBuilder<MarketingDbContext>().UseSqlite(db.Database.GetConnectionString()).UseSnakeCaseNamingConvention().Options);

    public Task<List<EarlierSubmission>> EarlierSubmissionsAsync(MarketingDbContext db, string[] forms, string[] clientIds, CancellationToken ct) =>
        db.Submissions.AsNoTracking()
            .Where(s => forms.Contains(s.FormId) && clientIds.Contains(s.ClientSubmissionId))
            .Select(s => new EarlierSubmission(s.FormId, s.ClientSubmissionId, s.ResultJson))
            .ToListAsync(ct);

    public async Task ClaimSendRecordsAsync(MarketingDbContext db, string channel, int limit, DateTimeOffset now, DateTimeOffset leaseUntil, string claimToken, CancellationToken ct)
    {
        var candidates = await db.SendRecords
            .Where(r => r.Status == SendStatuses.Queued && r.Channel == channel && r.DueAt <= now)
            .OrderBy(r => r.DueAt).Take(limit).Select(r => r.Id).ToListAsync(ct);
        await db.SendRecords
            .Where(r => candidates.Contains(r.Id) && r.Status == SendStatuses.Queued)
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, SendStatuses.Sending)
                .SetProperty(r => r.ClaimedAt, now)
                .SetProperty(r => r.LeaseUntil, leaseUntil)
                .SetProperty(r => r.ClaimedBy, claimToken)
                .SetProperty(r => r.Attempts, r => r.Attempts + 1), ct);
    }

    public Task<List<string>> TakeOverExpiredClaimsAsync(
        MarketingDbContext db, string channel, DateTimeOffset now, DateTimeOffset unleasedBefore, string requeuedNote, string interruptedNote, CancellationToken ct) =>
        db.Database.SqlQueryRaw<string>(ProviderQueries.TakeOverSql.Replace("/* lock */", "", StringComparison.Ordinal),
            Instants.ConvertToProvider(now)!, channel, Instants.ConvertToProvider(unleasedBefore)!, requeuedNote, interruptedNote).ToListAsync(ct);

    public Task RenewLeaseAsync(MarketingDbContext side, string claimToken, DateTimeOffset leaseUntil, CancellationToken ct) =>
        side.SendRecords.Where(r => r.ClaimedBy == claimToken && (r.Status == SendStatuses.Sending || r.Status == SendStatuses.HandingOver))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.LeaseUntil, leaseUntil), ct);

    public IHandOverWriter HandOvers(MarketingDbContext side) => new OneByOne(side);

    public async Task ClaimEnrolmentsAsync(MarketingDbContext db, int limit, DateTimeOffset now, DateTimeOffset leaseUntil, string claimToken, CancellationToken ct)
    {
        var paused = db.Sequences.Where(s => s.Status == SequenceStatuses.Paused).Select(s => s.Id);
        var candidates = await db.Enrolments
            .Where(e => e.Status == EnrolmentStatuses.Active && e.DueAt <= now && (e.ClaimedUntil == null || e.ClaimedUntil < now)
                && !paused.Contains(e.SequenceId))
            .OrderBy(e => e.DueAt).Take(limit).Select(e => e.Id).ToListAsync(ct);
        // One writer at a time: the lease check in the update makes a second pass skip rows the first took.
        await db.Enrolments
            .Where(e => candidates.Contains(e.Id) && (e.ClaimedUntil == null || e.ClaimedUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.ClaimedBy, claimToken).SetProperty(e => e.ClaimedUntil, leaseUntil), ct);
    }

    /// <summary>One short transaction of one statement per record.</summary>
    private sealed class OneByOne(MarketingDbContext side) : IHandOverWriter
    {
        public async Task<HashSet<Guid>> WriteAsync(string token, DateTimeOffset at, IReadOnlyList<Settlement> settle, IReadOnlyList<Guid> mark)
        {
            await using var transaction = await side.Database.BeginTransactionAsync();
            foreach (var s in settle)
            {
                DateTimeOffset? sentAt = s.Status == SendStatuses.Sent ? at : null;
                var settled = await side.SendRecords
                    .Where(r => r.Id == s.Id && r.ClaimedBy == token && (r.Status == SendStatuses.HandingOver || r.Status == SendStatuses.Interrupted))
                    .ExecuteUpdateAsync(u => u
                        .SetProperty(r => r.Status, s.Status)
                        .SetProperty(r => r.SentAt, r => sentAt ?? r.SentAt)
                        .SetProperty(r => r.MessageId, r => s.MessageId ?? r.MessageId)
                        .SetProperty(r => r.DeliveryStatus, r => s.DeliveryStatus ?? r.DeliveryStatus)
                        .SetProperty(r => r.LastError, r => s.Error ?? r.LastError));
                if (settled == 1 && s.Status == SendStatuses.Sent && s.Informs is { } informed)
                {
                    // R52: the art. 14 information went with this message: the person is informed in the same transaction.
                    await side.People.Where(p => p.Id == informed && p.Art14InformedAt == null)
                        .ExecuteUpdateAsync(u => u.SetProperty(p => p.Art14InformedAt, (DateTimeOffset?)at));
                }
            }

            var marked = new HashSet<Guid>();
            foreach (var id in mark)
            {
                if (await side.SendRecords.Where(r => r.Id == id && r.ClaimedBy == token && r.Status == SendStatuses.Sending)
                        .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, SendStatuses.HandingOver)) == 1)
                {
                    marked.Add(id);
                }
            }

            await transaction.CommitAsync();
            return marked;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    public IQueryable<Leads.Person> PeopleWithAttribute(MarketingDbContext db, string key, bool contains, string value) => contains
        ? db.People.FromSql($$"""SELECT * FROM people WHERE instr(json_extract(attributes, '$."' || {{key}} || '"'), {{value}}) > 0""")
        : db.People.FromSql($$"""SELECT * FROM people WHERE json_extract(attributes, '$."' || {{key}} || '"') = {{value}}""");
}
