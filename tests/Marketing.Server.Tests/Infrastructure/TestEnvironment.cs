namespace Marketing.Server.Tests.Infrastructure;

/// <summary>Sets engine settings as environment variables (Marketing:Jobs:WorkerCount → Marketing__Jobs__WorkerCount) and restores them.</summary>
public sealed class TestEnvironment : IDisposable
{
    private readonly Dictionary<string, string?> _previous = [];

    private TestEnvironment(IReadOnlyDictionary<string, string> settings)
    {
        foreach (var (key, value) in settings)
        {
            var name = ToVariableName(key);
            _previous[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public static TestEnvironment Set(IReadOnlyDictionary<string, string> settings) => new(settings);

    public static string ToVariableName(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    public void Dispose()
    {
        foreach (var (name, value) in _previous)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
