using System.Diagnostics;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of one test's own, started with scripts/postgres.sh, which the test may restart: the shared
/// cluster other tests use is never touched.
/// </summary>
public sealed class OwnPostgres : IAsyncDisposable
{
    private readonly string _directory;

    private OwnPostgres(string directory, string connectionString)
    {
        _directory = directory;
        ConnectionString = connectionString;
    }

    /// <summary>The server's connection string (no database named).</summary>
    public string ConnectionString { get; }

    public static async Task<OwnPostgres> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"marketing-own-pg-{Guid.NewGuid():N}");
        var (exit, output, error) = await ScriptAsync("start", directory);
        Assert.True(exit == 0, $"postgres.sh start failed: {output}{error}");
        return new OwnPostgres(directory, output.Trim().Split('\n')[^1]);
    }

    /// <summary><c>pg_ctl restart -m fast</c>: every connection is cut, the server is away for a moment, then back.</summary>
    public async Task RestartAsync()
    {
        var (exit, output, error) = await ScriptAsync("restart", _directory);
        Assert.True(exit == 0, $"postgres.sh restart failed: {output}{error}");
    }

    public async ValueTask DisposeAsync() => await ScriptAsync("stop", _directory);

    private static async Task<(int Exit, string Output, string Error)> ScriptAsync(string action, string directory)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "scripts", "postgres.sh"));
        start.ArgumentList.Add(action);
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "scripts", "postgres.sh")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("scripts/postgres.sh not found above the test's directory");
    }
}
