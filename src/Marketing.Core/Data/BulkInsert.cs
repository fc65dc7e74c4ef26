using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Storage.Internal.Mapping;

namespace Marketing.Data;

/// <summary>
/// Inserts many new rows and saves the tracked changes in one transaction. On PostgreSQL the new rows go
/// through binary COPY, which costs a fraction of EF's per-row INSERTs; columns and conversions are read
/// from the EF model, so the two paths write the same thing. SQLite uses plain EF.
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

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        foreach (var rows in newRowsByTable.Where(r => r.Count > 0))
        {
            await CopyAsync(connection, db.Model.FindEntityType(rows[0].GetType())!, rows, ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IEntityType entity, IReadOnlyList<object> rows, CancellationToken ct)
    {
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties().Select(p => (Property: p, Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping(), Column: p.GetColumnName(table)!)).ToList();
        var columns = string.Join(", ", properties.Select(p => $"\"{p.Column}\""));
        await using var importer = await connection.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({columns}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var (property, mapping, _) in properties)
            {
                var value = property.GetGetter().GetClrValue(row);
                if (mapping.Converter is { } converter && value is not null)
                {
                    value = converter.ConvertToProvider(value);
                }

                if (value is null)
                {
                    await importer.WriteNullAsync(ct);
                }
                else if (mapping is NpgsqlTypeMapping npgsql)
                {
                    await importer.WriteAsync(value, npgsql.NpgsqlDbType, ct);
                }
                else
                {
                    await importer.WriteAsync(value, mapping.StoreTypeNameBase, ct);
                }
            }
        }

        await importer.CompleteAsync(ct);
    }
}
