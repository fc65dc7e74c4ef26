using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>
/// Keeps every log entry of a host, at every level and from every category (the engine's, ASP.NET Core's, EF Core's,
/// Hangfire's), with its scopes and its exception in full, so that a test can read what an operator's logs would hold.
/// </summary>
public sealed class LogCollector : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<Entry> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public sealed record Entry(string Category, LogLevel Level, EventId EventId, string Message, string? Exception, string Scopes)
    {
        /// <summary>Everything the entry says, as one text to search.</summary>
        public string Text => $"{Category} {Level} {EventId} {Message} {Scopes} {Exception}";

        public override string ToString() => $"[{Level}] {Category}: {Message}{(Exception is null ? "" : $"\n{Exception}")}";
    }

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public IReadOnlyList<Entry> Containing(string text) => [.. _entries.Where(e => e.Message.Contains(text, StringComparison.Ordinal))];

    public void Clear() => _entries.Clear();

    /// <summary>Lets this collector, already a provider of the host, see every level, below what the host's own settings set.</summary>
    public static void ObserveEverything(IWebHostBuilder builder) =>
        builder.ConfigureLogging(logging => logging.AddFilter<LogCollector>(null, LogLevel.Trace));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCollector collector, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => collector._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new System.Text.StringBuilder();
            collector._scopes.ForEachScope((scope, text) => text.Append(scope).Append(' ').Append(Values(scope)).Append(" | "), scopes);
            collector._entries.Enqueue(new Entry(category, logLevel, eventId, $"{formatter(state, exception)} {Values(state)}", exception?.ToString(), scopes.ToString()));
        }

        /// <summary>The structured values too: a sink that writes them as fields shows them even where the message leaves one out.</summary>
        private static string Values(object? state) =>
            state is IEnumerable<KeyValuePair<string, object?>> pairs ? $"{{{string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))}}}" : "";
    }
}
