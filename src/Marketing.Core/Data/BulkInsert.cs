using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Marketing.Data;

/// <summary>
/// Inserts many new rows and saves the tracked changes in one transaction. On PostgreSQL all new rows go
/// in one round trip: one <c>INSERT … SELECT FROM unnest(arrays)</c> per table, sent together as a batch,
/// which costs a fraction of EF's per-row INSERTs. Columns and conversions are read from the EF model, so
/// both paths write the same thing. SQLite uses plain EF.
/// </summary>
public static class BulkInsert
{
    public static async Task SaveAsync(MarketingDbContext db, IReadOnlyList<IReadOnlyList<object>> newRowsByTable, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            foreach (var rows in newRowsByTable)
            {
                db.AddRange(rows);
            }

            await db.SaveChangesAsync(ct);
            return;
        }

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

    /// <summary>
    /// An insert met a unique key: two writers added the same row at the same moment (two nodes' enrolments of the
    /// same people, a replayed submission). EF reports it on SQLite; the PostgreSQL bulk path reports Npgsql's error.
    /// </summary>
    /// <summary>A unique index refused the write, on either provider (not any other failure of the save).</summary>
    public static bool IsUniqueViolation(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            // SQLite: SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555).
            if (inner is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
                || inner is Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: 2067 or 1555 })
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsDuplicate(Exception e) =>
        e is DbUpdateException || (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation });

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
}
