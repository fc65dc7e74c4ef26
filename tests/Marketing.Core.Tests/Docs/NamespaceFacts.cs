using System.Text.RegularExpressions;

namespace Marketing.Core.Tests.Docs;

/// <summary>Namespaces follow folders, so a type is found where its name says (Channels/Email is Marketing.Channels.Email).</summary>
public sealed partial class NamespaceFacts
{
    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [Theory]
    [InlineData("src/Marketing.Core", "Marketing")]
    [InlineData("src/Marketing.Server", "Marketing.Server")]
    [InlineData("tests/Marketing.Core.Tests", "Marketing.Core.Tests")]
    [InlineData("tests/Marketing.Server.Tests", "Marketing.Server.Tests")]
    public void EveryFile_IsInTheNamespaceOfItsFolder(string project, string root)
    {
        var wrong = RepositoryFiles.Under(project, ".cs")
            .Select(f => (File: f, Match: FileNamespace().Match(File.ReadAllText(f))))
            .Where(x => x.Match.Success)
            .Select(x => (Relative: RepositoryFiles.Relative(x.File), Declared: x.Match.Groups[1].Value,
                Expected: string.Join('.', new[] { root }.Concat(Path.GetDirectoryName(Path.GetRelativePath(Path.Combine(RepositoryFiles.Root, project), x.File))!
                    .Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries)))))
            .Where(x => x.Declared != x.Expected)
            .Select(x => $"{x.Relative}: {x.Declared}, expected {x.Expected}")
            .ToList();

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }
}
