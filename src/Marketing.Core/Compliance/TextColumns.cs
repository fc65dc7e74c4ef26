using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;

namespace Marketing.Compliance;

/// <summary>Rows of one column that hold one of the identifiers searched for.</summary>
public sealed record ScanHit(string Store, string Table, string Column, long Rows)
{
    public override string ToString() => $"{Store}:{Table}.{Column} ({Rows})";
}

/// <summary>
/// Every text column of every table of a database, read from its own catalogue (so a table added later is searched
/// too): where an erased person's identifiers still stand (R38's post-erasure scan), and their replacement by a
/// placeholder in the tables that may keep the row but not the identifier (audit details, job storage).
/// </summary>
public static class TextColumns
{
    public const string Placeholder = "[erased]";

    private sealed record Column(string Schema, string Table, string Name, string Type);

    public static async Task<List<ScanHit>> ScanAsync(DbConnection connection, DbTransaction? transaction, string store, IReadOnlyList<string> needles, IReadOnlySet<string> skipTables, CancellationToken ct)
    {
        var hits = new List<ScanHit>();
        var postgres = IsPostgres(connection);
        foreach (var table in (await ListAsync(connection, transaction, ct)).Where(c => !skipTables.Contains(c.Table)).GroupBy(c => (c.Schema, c.Table)))
        {
            var columns = table.ToList();
            await using var command = Command(connection, transaction);
            var counts = columns.Select(c => postgres
                ? $"count(*) FILTER (WHERE {Text(c, postgres)} ILIKE ANY(@p))"
                : $"coalesce(sum(CASE WHEN {AnyLike(c, needles.Count)} THEN 1 ELSE 0 END), 0)");
            command.CommandText = $"SELECT {string.Join(", ", counts)} FROM {Name(table.Key.Schema, table.Key.Table, postgres)}";
            AddPatterns(command, needles, postgres);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            for (var i = 0; i < columns.Count; i++)
            {
                if (Convert.ToInt64(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) is var rows and > 0)
                {
                    hits.Add(new ScanHit(store, table.Key.Schema is "" or "public" ? table.Key.Table : $"{table.Key.Schema}.{table.Key.Table}", columns[i].Name, rows));
                }
            }
        }

        return hits;
    }

    /// <summary>Replaces each identifier, in any case, by <see cref="Placeholder"/> in the columns that hold it; returns the rows changed.</summary>
    public static async Task<int> ScrubAsync(DbConnection connection, DbTransaction? transaction, string store, IReadOnlyList<string> needles, IReadOnlySet<string> skipTables, CancellationToken ct)
    {
        var changed = 0;
        var postgres = IsPostgres(connection);
        var all = await ListAsync(connection, transaction, ct);
        foreach (var hit in await ScanAsync(connection, transaction, store, needles, skipTables, ct))
        {
            var column = all.First(c => (c.Schema is "" or "public" ? c.Table : $"{c.Schema}.{c.Table}") == hit.Table && c.Name == hit.Column);
            changed += postgres ? await ScrubPostgresAsync(connection, transaction, column, needles, ct) : await ScrubSqliteAsync(connection, transaction, column, needles, ct);
        }

        return changed;
    }

    private static async Task<int> ScrubPostgresAsync(DbConnection connection, DbTransaction? transaction, Column c, IReadOnlyList<string> needles, CancellationToken ct)
    {
        var cast = c.Type switch { "jsonb" => "::jsonb", "json" => "::json", _ => "" };
        if (c.Type is "ARRAY" or "bytea")
        {
            return 0;
        }

        await using var command = Command(connection, transaction);
        command.CommandText = $"UPDATE {Name(c.Schema, c.Table, true)} SET \"{c.Name}\" = regexp_replace({Text(c, true)}, @re, '{Placeholder}', 'gi'){cast} WHERE {Text(c, true)} ILIKE ANY(@p)";
        AddPatterns(command, needles, true);
        var re = command.CreateParameter();
        re.ParameterName = "re";
        re.Value = string.Join('|', needles.Select(Regex.Escape));
        command.Parameters.Add(re);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<int> ScrubSqliteAsync(DbConnection connection, DbTransaction? transaction, Column c, IReadOnlyList<string> needles, CancellationToken ct)
    {
        var pattern = new Regex(string.Join('|', needles.Select(Regex.Escape)), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var rows = new List<(long RowId, object Value)>();
        await using (var select = Command(connection, transaction))
        {
            select.CommandText = $"SELECT rowid, \"{c.Name}\" FROM \"{c.Table}\" WHERE {AnyLike(c, needles.Count)}";
            AddPatterns(select, needles, false);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var value = reader.GetValue(1);
                rows.Add((reader.GetInt64(0), value is byte[] bytes
                    ? Encoding.UTF8.GetBytes(pattern.Replace(Encoding.UTF8.GetString(bytes), Placeholder))
                    : pattern.Replace(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "", Placeholder)));
            }
        }

        foreach (var (rowId, value) in rows)
        {
            await using var update = Command(connection, transaction);
            update.CommandText = $"UPDATE \"{c.Table}\" SET \"{c.Name}\" = @v WHERE rowid = @r";
            Add(update, "v", value);
            Add(update, "r", rowId);
            await update.ExecuteNonQueryAsync(ct);
        }

        return rows.Count;
    }

    private static async Task<List<Column>> ListAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        var columns = new List<Column>();
        await using var command = Command(connection, transaction);
        if (IsPostgres(connection))
        {
            command.CommandText = """
                SELECT c.table_schema, c.table_name, c.column_name, c.data_type FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
                  AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'bytea')
                ORDER BY 1, 2, c.ordinal_position
                """;
        }
        else
        {
            // Every column: SQLite's types are advisory, and a job storage may keep text in a BLOB.
            command.CommandText = """
                SELECT '', m.name, p.name, lower(p.type) FROM sqlite_master m JOIN pragma_table_info(m.name) p
                WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid
                """;
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            columns.Add(new Column(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return columns;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        return command;
    }

    private static bool IsPostgres(DbConnection connection) => connection.GetType().Name.StartsWith("Npgsql", StringComparison.Ordinal);

    private static string Name(string schema, string table, bool postgres) => postgres ? $"\"{schema}\".\"{table}\"" : $"\"{table}\"";

    private static string Text(Column c, bool postgres) => postgres
        ? c.Type == "bytea" ? $"encode(\"{c.Name}\", 'escape')" : $"\"{c.Name}\"::text"
        : $"CAST(\"{c.Name}\" AS TEXT)";

    private static string AnyLike(Column c, int needles) =>
        "(" + string.Join(" OR ", Enumerable.Range(0, needles).Select(i => $"{Text(c, false)} LIKE @p{i} ESCAPE '\\'")) + ")";

    private static void AddPatterns(DbCommand command, IReadOnlyList<string> needles, bool postgres)
    {
        var patterns = needles.Select(n => "%" + n.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%").ToArray();
        if (postgres)
        {
            Add(command, "p", patterns);
        }
        else
        {
            for (var i = 0; i < patterns.Length; i++)
            {
                Add(command, $"p{i}", patterns[i]);
            }
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
