using Marketing.Server.Hosting;

namespace Marketing.Server.Leads;

/// <summary>Where an uploaded import's file waits for its job: the data directory, named by the batch id, until the batch completes.</summary>
public static class ImportFiles
{
    public static string DirectoryOf(ResolvedSettings settings) => Path.Combine(settings.DataDirectory, "imports");

    public static string PathOf(ResolvedSettings settings, Guid batchId) => Path.Combine(DirectoryOf(settings), $"{batchId:N}.csv");
}
