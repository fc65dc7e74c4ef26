namespace Marketing.Core.Tests.Docs;

/// <summary>The checkout's own files, found from the test binaries by the solution file.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    private static readonly string[] Skipped = ["bin", "obj", "node_modules", "TestResults", ".git", "data"];

    /// <summary>Files under <paramref name="folder"/> (relative to the root) ending with one of <paramref name="extensions"/>, build output left out.</summary>
    public static IEnumerable<string> Under(string folder, params string[] extensions)
    {
        var start = Path.GetFullPath(Path.Combine(Root, folder));
        if (!Directory.Exists(start))
        {
            yield break;
        }

        var pending = new Stack<string>([start]);
        while (pending.TryPop(out var directory))
        {
            foreach (var child in Directory.EnumerateDirectories(directory).Where(d => !Skipped.Contains(Path.GetFileName(d))))
            {
                pending.Push(child);
            }

            foreach (var file in Directory.EnumerateFiles(directory).Where(f => extensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase))))
            {
                yield return file;
            }
        }
    }

    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Marketing.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Marketing.sln not found above the test binaries.");
    }
}
