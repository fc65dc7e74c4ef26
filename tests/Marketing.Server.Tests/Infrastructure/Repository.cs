namespace Marketing.Server.Tests.Infrastructure;

public static class Repository
{
    /// <summary>The checkout's top folder, found from the test binaries by the solution file.</summary>
    public static string Root { get; } = FindRoot();

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
