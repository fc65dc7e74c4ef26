using System.Text.RegularExpressions;

namespace Marketing.Core.Tests.Docs;

/// <summary>
/// Every requirement (R21) and export (E1) the code, tests and docs cite can be looked up in docs/requirements.md,
/// so a citation never points at nothing.
/// </summary>
public sealed partial class RequirementCitationFacts
{
    private static readonly string[] CitingFolders = ["src", "tests", "widgets", "templates", "bench", "docs", "scripts"];
    private static readonly string[] TextFiles = [".cs", ".js", ".mjs", ".html", ".css", ".txt", ".md", ".json", ".sh", ".razor", ".cshtml", ".sql"];

    [GeneratedRegex(@"(?<![A-Za-z0-9_])R(?<n>\d{1,3})(?![0-9A-Za-z_])")]
    private static partial Regex RequirementCitation();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])E(?<n>\d{1,2})(?![0-9A-Za-z])")]
    private static partial Regex ExportCitation();

    [GeneratedRegex(@"^#### R(?<n>\d+) — \S", RegexOptions.Multiline)]
    private static partial Regex RequirementHeading();

    [GeneratedRegex(@"\*\*E(?<n>\d+)(\*\*| — )")]
    private static partial Regex ExportEntry();

    [Fact]
    public void EveryCitedRequirement_IsListedInRequirementsMd()
    {
        var listed = Numbers(RequirementHeading(), Requirements());
        Assert.True(listed.Count >= 70, $"docs/requirements.md lists {listed.Count} requirements as '#### Rn — title'; R1–R70 expected");

        var missing = Citations(RequirementCitation()).Where(c => !listed.Contains(c.Number)).Select(c => $"R{c.Number} at {c.At}").ToList();
        Assert.True(missing.Count == 0, "cited but not in docs/requirements.md:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void EveryCitedExport_IsListedInRequirementsMd()
    {
        var listed = Numbers(ExportEntry(), Requirements());
        Assert.True(listed.Count >= 10, $"docs/requirements.md lists {listed.Count} exports as '**En — title**' or '**En**'; E1–E10 expected");

        var missing = Citations(ExportCitation()).Where(c => !listed.Contains(c.Number)).Select(c => $"E{c.Number} at {c.At}").ToList();
        Assert.True(missing.Count == 0, "cited but not in docs/requirements.md:\n" + string.Join("\n", missing));
    }

    [Theory]
    [InlineData("// R21: a number typed into a form proves nothing", "21")]
    [InlineData("(R3, R7, § 7(3) UWG)", "3 7")]
    [InlineData("refused (R58).", "58")]
    [InlineData("HR12 AR4 R2D2 R12x RFC 8058", "")]
    public void RequirementCitation_FindsNumbersNotWordsThatHoldThem(string text, string expected) =>
        Assert.Equal(expected, string.Join(" ", RequirementCitation().Matches(text).Select(m => m.Groups["n"].Value)));

    [Theory]
    [InlineData("export E1 (proof)", "1")]
    [InlineData("E7, R28", "7")]
    [InlineData("E.164 E164 E2E #E5E7EB", "")]
    public void ExportCitation_FindsExportIdsNotNumberFormats(string text, string expected) =>
        Assert.Equal(expected, string.Join(" ", ExportCitation().Matches(text).Select(m => m.Groups["n"].Value)));

    private static string Requirements() => File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docs", "requirements.md"));

    private static HashSet<int> Numbers(Regex pattern, string text) =>
        pattern.Matches(text).Select(m => int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();

    private static IEnumerable<(int Number, string At)> Citations(Regex pattern)
    {
        var files = CitingFolders.SelectMany(f => RepositoryFiles.Under(f, TextFiles)).Append(Path.Combine(RepositoryFiles.Root, "README.md"));
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match match in pattern.Matches(lines[i]))
                {
                    yield return (int.Parse(match.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture), $"{RepositoryFiles.Relative(file)}:{i + 1}");
                }
            }
        }
    }
}
