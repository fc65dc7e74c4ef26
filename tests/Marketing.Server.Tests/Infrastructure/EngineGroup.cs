namespace Marketing.Server.Tests.Infrastructure;

/// <summary>Several engine processes on one database, started together and stopped together: the scaled-out deployment.</summary>
public sealed class EngineGroup : IAsyncDisposable
{
    private readonly List<EngineProcess> _engines = [];

    public EngineProcess this[int index] => _engines[index];

    /// <summary>What every node printed, for the lines an operator would read.</summary>
    public IEnumerable<string> OutputLines => _engines.SelectMany(e => e.Output.Split('\n')).Select(l => l.Trim());

    public static async Task<EngineGroup> StartAsync(TestDatabase database, IReadOnlyDictionary<string, string> settings, int count)
    {
        var group = new EngineGroup();
        try
        {
            for (var i = 0; i < count; i++)
            {
                group._engines.Add(await EngineProcess.StartAsync(database.Directory, settings));
            }
        }
        catch
        {
            await group.DisposeAsync();
            throw;
        }

        return group;
    }

    /// <summary>Kills node <paramref name="index"/> (SIGKILL) and starts a new one in its place.</summary>
    public async Task KillAndRestartAsync(int index, TestDatabase database, IReadOnlyDictionary<string, string> settings)
    {
        await _engines[index].DisposeAsync();
        _engines[index] = await EngineProcess.StartAsync(database.Directory, settings);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var engine in _engines)
        {
            await engine.DisposeAsync();
        }
    }
}
