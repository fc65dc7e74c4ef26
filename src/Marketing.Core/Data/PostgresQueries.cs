using System.Data.Common;
using Marketing.Capture;
using Marketing.Sending;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Marketing.Data;

/// <summary>
/// PostgreSQL, shared by several nodes: claims with <c>FOR UPDATE SKIP LOCKED</c> so that passes never take the same
/// rows, new rows in one round trip (<c>INSERT … SELECT FROM unnest(arrays)</c> per table, sent together as a batch,
/// a fraction of EF's per-row INSERTs; columns and conversions read from the EF model, so both providers write the
/// same thing), hand-overs through one prepared statement.
/// </summary>
internal sealed class PostgresQueries : IProviderQueries
{
    public async Task SaveWithNewRowsAsync(MarketingDbContext db, IReadOnlyList<IReadOnlyList<object>> newRowsByTable, CancellationToken ct)
    {
        var changed = db.ChangeTracker.HasChanges();
        await using var transaction = changed ? await db.Database.BeginTransactionAsync(ct) : null;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using (var batch = new NpgsqlBatch(connection, (NpgsqlTransaction?)transaction?.GetDbTransaction()))
            {
                foreach (var rows in newRowsByTable.Where(r => r.Count > 0))
                {
                    batch.BatchCommands.Add(InsertCommand(db.Model.FindEntityType(rows[0].GetType())!, rows));
                }

                if (batch.BatchCommands.Count > 0)
                {
                    // Without an explicit transaction, PostgreSQL runs a batch as one implicit transaction: all or nothing.
                    await batch.ExecuteNonQueryAsync(ct);
                }
            }

            if (transaction is not null)
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public MarketingDbContext OpenBeside(MarketingDbContext db)
    {
        // A clone keeps the password, which the connection string of an opened connection no longer shows.
        var connection = (NpgsqlConnection)((ICloneable)db.Database.GetDbConnection()).Clone();
        return new(new DbContextOptionsBuilder<MarketingDbContext>().UseNpgsql(connection, contextOwnsConnection: true).UseSnakeCaseNamingConvention().Options);
    }

    // One probe of the unique index per key. "form_id = ANY(...) AND client_submission_id = ANY(...)" lets the planner,
    // with statistics lagging behind a fast-growing table, probe by form only and filter every submission of the form:
    // 24 ms a batch at 22,000 rows, growing with each sign-up.
    public Task<List<EarlierSubmission>> EarlierSubmissionsAsync(MarketingDbContext db, string[] forms, string[] clientIds, CancellationToken ct) =>
        db.Database.SqlQuery<EarlierSubmission>($"""
            SELECT s.form_id, s.client_submission_id, s.result_json
            FROM unnest({forms}, {clientIds}) AS k(form_id, client_submission_id)
            JOIN submissions s ON s.form_id = k.form_id AND s.client_submission_id = k.client_submission_id
            """).ToListAsync(ct);

    public Task ClaimSendRecordsAsync(MarketingDbContext db, string channel, int limit, DateTimeOffset now, DateTimeOffset leaseUntil, string claimToken, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE send_records SET status = 'sending', claimed_at = {now}, lease_until = {leaseUntil}, claimed_by = {claimToken}, attempts = attempts + 1
            WHERE id IN (SELECT id FROM send_records
                         WHERE status = 'queued' AND channel = {channel} AND due_at <= {now}
                         ORDER BY due_at LIMIT {limit} FOR UPDATE SKIP LOCKED)
            """, ct);

    public Task<List<string>> TakeOverExpiredClaimsAsync(
        MarketingDbContext db, string channel, DateTimeOffset now, DateTimeOffset unleasedBefore, string requeuedNote, string interruptedNote, CancellationToken ct) =>
        db.Database.SqlQueryRaw<string>(ProviderQueries.TakeOverSql.Replace("/* lock */", "FOR UPDATE SKIP LOCKED", StringComparison.Ordinal),
            now, channel, unleasedBefore, requeuedNote, interruptedNote).ToListAsync(ct);

    // Rows the pass is saving right now are skipped (renewed at the next beat): waiting for them, in another order than
    // the pass's own save, could deadlock with it.
    public Task RenewLeaseAsync(MarketingDbContext side, string claimToken, DateTimeOffset leaseUntil, CancellationToken ct) =>
        side.Database.ExecuteSqlAsync($"""
            UPDATE send_records SET lease_until = {leaseUntil}
            WHERE id IN (SELECT id FROM send_records WHERE claimed_by = {claimToken} AND status IN ('sending', 'handing_over') FOR UPDATE SKIP LOCKED)
            """, ct);

    public IHandOverWriter HandOvers(MarketingDbContext side) => new PreparedHandOvers(side);

    public Task ClaimEnrolmentsAsync(MarketingDbContext db, int limit, DateTimeOffset now, DateTimeOffset leaseUntil, string claimToken, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE enrolments SET claimed_by = {claimToken}, claimed_until = {leaseUntil}
            WHERE id IN (SELECT e.id FROM enrolments e
                         WHERE e.status = 'active' AND e.due_at <= {now} AND (e.claimed_until IS NULL OR e.claimed_until < {now})
                           AND NOT EXISTS (SELECT 1 FROM sequences s WHERE s.id = e.sequence_id AND s.status = 'paused')
                         ORDER BY e.due_at LIMIT {limit} FOR UPDATE SKIP LOCKED)
            """, ct);

    /// <summary>One statement on the side connection, which stays open for the pass: one round trip and one commit per write.</summary>
    private sealed class PreparedHandOvers(MarketingDbContext side) : IHandOverWriter
    {
        private NpgsqlCommand? _handOver;

        public async Task<HashSet<Guid>> WriteAsync(string token, DateTimeOffset at, IReadOnlyList<Settlement> settle, IReadOnlyList<Guid> mark)
        {
            var command = _handOver ?? await PrepareHandOverAsync();
            command.Parameters[0].Value = token;
            command.Parameters[1].Value = at;
            command.Parameters[2].Value = settle.Select(s => s.Id).ToArray();
            command.Parameters[3].Value = settle.Select(s => s.Status).ToArray();
            command.Parameters[4].Value = settle.Select(s => s.MessageId).ToArray();
            command.Parameters[5].Value = settle.Select(s => s.DeliveryStatus).ToArray();
            command.Parameters[6].Value = settle.Select(s => s.Error).ToArray();
            command.Parameters[7].Value = mark.ToArray();
            command.Parameters[8].Value = settle.Select(s => s.Informs).ToArray();
            var marked = new HashSet<Guid>();
            try
            {
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    marked.Add(reader.GetGuid(0));
                }
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or IOException)
            {
                // The connection is gone with the statement: the next write opens and prepares again.
                await command.DisposeAsync();
                _handOver = null;
                await side.Database.CloseConnectionAsync();
                throw;
            }

            return marked;
        }

        // A settlement may find its record interrupted (its lease ran out while the relay answered): what the relay said is truer.
        // R52: a message that carried the art. 14 information informs its person in the same statement, only once it is sent.
        private const string HandOverSql = """
            WITH settled AS (
                UPDATE send_records r SET status = v.status,
                    sent_at = CASE WHEN v.status = 'sent' THEN $2 ELSE r.sent_at END,
                    message_id = COALESCE(v.message_id, r.message_id),
                    delivery_status = COALESCE(v.delivery_status, r.delivery_status),
                    last_error = COALESCE(v.error, r.last_error)
                FROM unnest($3, $4, $5, $6, $7, $9) AS v(id, status, message_id, delivery_status, error, informs)
                WHERE r.id = v.id AND r.claimed_by = $1 AND r.status IN ('handing_over', 'interrupted')
                RETURNING v.informs, r.status),
            informed AS (
                UPDATE people SET art14informed_at = $2
                WHERE id IN (SELECT informs FROM settled WHERE status = 'sent' AND informs IS NOT NULL) AND art14informed_at IS NULL)
            UPDATE send_records SET status = 'handing_over'
            WHERE id = ANY($8) AND claimed_by = $1 AND status = 'sending'
            RETURNING id
            """;

        private async Task<NpgsqlCommand> PrepareHandOverAsync()
        {
            await side.Database.OpenConnectionAsync();
            var command = new NpgsqlCommand(HandOverSql, (NpgsqlConnection)side.Database.GetDbConnection())
            {
                Parameters =
                {
                    new() { NpgsqlDbType = NpgsqlDbType.Text },
                    new() { NpgsqlDbType = NpgsqlDbType.TimestampTz },
                    new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
                    new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                    new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                    new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                    new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                    new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
                    new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
                },
            };
            await command.PrepareAsync();
            _handOver = command;
            return command;
        }

        public async ValueTask DisposeAsync()
        {
            if (_handOver is not null)
            {
                await _handOver.DisposeAsync();
            }
        }
    }

    private static NpgsqlBatchCommand InsertCommand(IEntityType entity, IReadOnlyList<object> rows)
    {
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties().ToList();
        var command = new NpgsqlBatchCommand(
            $"INSERT INTO \"{table.Name}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(table)}\""))}) " +
            $"SELECT * FROM unnest({string.Join(", ", properties.Select((_, i) => $"${i + 1}"))})");
        foreach (var property in properties)
        {
            var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
            var getter = property.GetGetter();
            var values = Array.CreateInstance(ElementType(mapping), rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                var value = getter.GetClrValue(rows[i]);
                values.SetValue(value is not null && mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value, i);
            }

            command.Parameters.Add(new NpgsqlParameter { Value = values, DataTypeName = $"{mapping.StoreTypeNameBase}[]" });
        }

        return command;
    }

    /// <summary>
    /// A typed array where the column's type is a plain one: Npgsql writes a <c>string[]</c> or <c>Guid?[]</c> as such,
    /// where an <c>object[]</c> makes it look up a converter for every element.
    /// </summary>
    private static Type ElementType(RelationalTypeMapping mapping)
    {
        var type = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        if (plain == typeof(string) || plain == typeof(byte[]))
        {
            return plain;
        }

        // Nullable elements either way: a typed array of a value type could not hold the NULL of an optional column.
        return PlainValueTypes.Contains(plain) ? typeof(Nullable<>).MakeGenericType(plain) : typeof(object);
    }

    private static readonly HashSet<Type> PlainValueTypes =
        [typeof(Guid), typeof(int), typeof(long), typeof(short), typeof(bool), typeof(double), typeof(decimal), typeof(DateTimeOffset), typeof(DateTime)];

    public IQueryable<Leads.Person> PeopleWithAttribute(MarketingDbContext db, string key, bool contains, string value) => contains
        ? db.People.FromSql($"SELECT * FROM people WHERE strpos(attributes::jsonb ->> {key}, {value}) > 0")
        : db.People.FromSql($"SELECT * FROM people WHERE (attributes::jsonb ->> {key}) = {value}");
}
