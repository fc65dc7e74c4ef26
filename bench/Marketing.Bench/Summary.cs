using System.Globalization;

namespace Marketing.Bench;

/// <summary>One figure of a benchmark against its baseline of the same run, for the table that ends a run.</summary>
/// <param name="Ratio">Figure over baseline; null for a figure held to an absolute bound (a latency).</param>
/// <param name="Met">Null when the row has no target.</param>
public sealed record SummaryRow(string Name, string Figure, string Baseline, double? Ratio, string Target, bool? Met);

/// <summary>The rows every benchmark of this run added; printed as one table at the end.</summary>
public static class Summary
{
    private static readonly List<SummaryRow> Rows = [];

    /// <summary>A ratio held to at least <paramref name="target"/> (or to at most, with <paramref name="atMost"/>).</summary>
    public static void Add(string name, string figure, string baseline, double ratio, double? target, bool atMost = false) =>
        Rows.Add(new SummaryRow(name, figure, baseline, ratio,
            target is { } t ? string.Create(CultureInfo.InvariantCulture, $"{(atMost ? "<=" : ">=")} {t:0.##}") : "-",
            target is { } u ? atMost ? ratio <= u : ratio >= u : null));

    public static void Add(SummaryRow row) => Rows.Add(row);

    public static void Print(TextWriter output)
    {
        if (Rows.Count == 0)
        {
            return;
        }

        var width = Rows.Max(r => r.Name.Length);
        var figure = Math.Max(8, Rows.Max(r => r.Figure.Length));
        var baseline = Math.Max(8, Rows.Max(r => r.Baseline.Length));
        var target = Math.Max(6, Rows.Max(r => r.Target.Length));
        output.WriteLine();
        output.WriteLine($"summary (load average at the end: {LoadAverage.Now})");
        output.WriteLine($"{"name".PadRight(width)}  {"figure".PadRight(figure)}  {"baseline".PadRight(baseline)}  {"ratio",5}  {"target".PadRight(target)}  met");
        foreach (var r in Rows)
        {
            var ratio = r.Ratio is { } x ? x.ToString("F2", CultureInfo.InvariantCulture) : "-";
            var met = r.Met switch { true => "met", false => "NOT MET", null => "-" };
            output.WriteLine($"{r.Name.PadRight(width)}  {r.Figure.PadRight(figure)}  {r.Baseline.PadRight(baseline)}  {ratio,5}  {r.Target.PadRight(target)}  {met}");
        }
    }
}

/// <summary>The machine's 1, 5 and 15-minute load averages: other work on a shared machine moves every figure.</summary>
public static class LoadAverage
{
    public static string Now => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
