using System.Net;
using System.Text;

namespace Marketing.Compliance;

/// <summary>The register (E3) as a printable HTML document: one table, the row's fields as a definition list per activity, no script, no style attribute.</summary>
public static class RegisterFiles
{
    public static async Task<long> WriteHtmlAsync(IReadOnlyList<RegisterRow> rows, RegisterTexts t, DateTimeOffset generatedAt, Stream output, CancellationToken ct)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html>\n<html lang=\"").Append(t.Language).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(t.Title)).Append("</title></head><body>\n<h1>").Append(Encode(t.Title)).Append("</h1>\n<p>")
            .Append(generatedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)).Append("</p>\n");
        foreach (var row in rows)
        {
            html.Append("<section><h2>").Append(Encode(row.Name)).Append(" (").Append(Encode(row.Activity)).Append(")</h2>\n<table><tbody>\n");
            var fields = row.Fields();
            for (var i = 0; i < fields.Count; i++)
            {
                html.Append("<tr><th scope=\"row\">").Append(Encode(t.Columns[i])).Append("</th><td>").Append(Encode(fields[i])).Append("</td></tr>\n");
            }

            if (row.Notes.Length > 0)
            {
                html.Append("<tr><th scope=\"row\">Notes</th><td>").Append(Encode(row.Notes)).Append("</td></tr>\n");
            }

            html.Append("</tbody></table></section>\n");
        }

        html.Append("</body></html>\n");
        var bytes = Encoding.UTF8.GetBytes(html.ToString());
        await output.WriteAsync(bytes, ct);
        return rows.Count;
    }

    /// <summary>A list already in memory as the rows an export file writer reads.</summary>
    public static async IAsyncEnumerable<T> Stream<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            yield return item;
        }

        await Task.CompletedTask;
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
