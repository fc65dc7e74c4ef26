using System.Text.RegularExpressions;

namespace Marketing.Core.Tests.Docs;

/// <summary>Every link between the project's documents leads somewhere inside the repository.</summary>
public sealed partial class DocumentLinkFacts
{
    [GeneratedRegex(@"!?\[[^\]]*\]\((?<target>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+(?<title>.+?)\s*#*\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"\bid=""(?<id>[^""]+)""")]
    private static partial Regex ExplicitAnchor();

    [Fact]
    public void EveryLocalLink_InTheDocuments_Resolves()
    {
        var broken = new List<string>();
        foreach (var document in Documents())
        {
            foreach (var (target, line) in Links(document))
            {
                if (Problem(document, target) is { } problem)
                {
                    broken.Add($"{RepositoryFiles.Relative(document)}:{line}: ({target}) {problem}");
                }
            }
        }

        Assert.True(broken.Count == 0, "broken links:\n" + string.Join("\n", broken));
    }

    [Theory]
    [InlineData("Settings", "settings")]
    [InlineData("1. Requirements (R1–R70)", "1-requirements-r1r70")]
    [InlineData("3. Glossary — French UI term → English (with notes)", "3-glossary--french-ui-term--english-with-notes")]
    [InlineData("Claims, leases and `interrupted`", "claims-leases-and-interrupted")]
    public void Slug_IsTheAnchorGitHubGivesAHeading(string heading, string expected) =>
        Assert.Equal(expected, Slug(heading));

    private static IEnumerable<string> Documents() => RepositoryFiles.Under(".", ".md");

    /// <summary>Links outside fenced code blocks and inline code, with their line numbers.</summary>
    private static IEnumerable<(string Target, int Line)> Links(string document)
    {
        var fenced = false;
        var lines = File.ReadAllLines(document);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }

            if (fenced)
            {
                continue;
            }

            foreach (Match link in InlineLink().Matches(InlineCode().Replace(lines[i], "")))
            {
                yield return (link.Groups["target"].Value, i + 1);
            }
        }
    }

    private static string? Problem(string document, string target)
    {
        if (Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" or "mailto")
        {
            return null;
        }

        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
        var fragment = hash < 0 ? null : target[(hash + 1)..];
        if (path.StartsWith('/') || path.Contains(':', StringComparison.Ordinal))
        {
            return "is not a path relative to the document";
        }

        var resolved = path.Length == 0 ? document : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, path));
        if (!resolved.StartsWith(RepositoryFiles.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && resolved != RepositoryFiles.Root)
        {
            return "leads outside the repository";
        }

        if (!File.Exists(resolved) && !Directory.Exists(resolved))
        {
            return "no such file or folder";
        }

        if (fragment is null || !resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Anchors(resolved).Contains(fragment) ? null : $"no heading or id '{fragment}' in {RepositoryFiles.Relative(resolved)}";
    }

    private static HashSet<string> Anchors(string document)
    {
        var text = File.ReadAllText(document);
        var anchors = Heading().Matches(Unfenced(text)).Select(m => Slug(m.Groups["title"].Value)).ToHashSet(StringComparer.Ordinal);
        anchors.UnionWith(ExplicitAnchor().Matches(text).Select(m => m.Groups["id"].Value));
        return anchors;
    }

    private static string Unfenced(string text)
    {
        var kept = new List<string>();
        var fenced = false;
        foreach (var line in text.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
            }
            else if (!fenced)
            {
                kept.Add(line);
            }
        }

        return string.Join('\n', kept);
    }

    /// <summary>GitHub's heading anchor: lower case, punctuation dropped (hyphens and underscores kept), spaces as hyphens.</summary>
    private static string Slug(string heading)
    {
        var plain = InlineLink().Replace(heading, m => m.Value[1..m.Value.IndexOf(']', StringComparison.Ordinal)]);
        var kept = plain.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ' ');
        return new string(kept.Select(c => c == ' ' ? '-' : c).ToArray());
    }
}
