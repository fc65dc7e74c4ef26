using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Marketing.Bench;

/// <summary>
/// Load from wrk, a separate native process, when it is installed: it takes far less CPU per request than
/// an in-process client, so the server's own cost dominates what is measured.
/// </summary>
public static partial class WrkRun
{
    public static bool Available => File.Exists("/usr/bin/wrk");

    /// <summary>POSTs bodies made from <paramref name="template"/>, whose two %s become a fresh unique id.</summary>
    public static async Task<LoadResult> RunAsync(string name, Uri url, string template, TimeSpan duration, int concurrency)
    {
        var script = Path.GetTempFileName();
        await File.WriteAllTextAsync(script, $$"""
            local threads = 0
            function setup(thread) threads = threads + 1; thread:set("tid", threads) end
            function init(args) math.randomseed(os.time() * 100 + tid); counter = 0; prefix = "w" .. tid .. "-" .. os.time() .. "-" .. math.random(1, 1000000000) end
            function request()
              counter = counter + 1
              local id = prefix .. "-" .. counter
              return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, string.format([==[{{template}}]==], id, id))
            end
            """);
        try
        {
            var info = new ProcessStartInfo("/usr/bin/wrk", ["-t2", $"-c{concurrency}", $"-d{(int)duration.TotalSeconds}s", "--latency", "-s", script, url.ToString()])
            {
                RedirectStandardOutput = true,
            };
            using var wrk = Process.Start(info)!;
            var output = await wrk.StandardOutput.ReadToEndAsync();
            await wrk.WaitForExitAsync();
            var total = long.Parse(RequestsLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
            var errors = NonSuccessLine().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            return new LoadResult(name, total - errors, errors, duration, Millis(output, "50%"), Millis(output, "99%"), MaxMillis(output));
        }
        finally
        {
            File.Delete(script);
        }
    }

    // wrk prints the maximum as the third figure of its "Latency avg stdev max" line.
    private static double MaxMillis(string output) => Millis(output, @"Latency\s+\S+\s+\S+", escape: false);

    private static double Millis(string output, string label, bool escape = true)
    {
        var match = Regex.Match(output, $@"{(escape ? Regex.Escape(label) : label)}\s+([\d.]+)(us|ms|s)\b");
        if (!match.Success)
        {
            return 0;
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccessLine();
}
