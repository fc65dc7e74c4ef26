using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>What the engine in process logged (warnings and above, as the test host's level says), for tests of what an operator sees.</summary>
public sealed class TestLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public sealed record Entry(string Category, LogLevel Level, string Message);

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public IReadOnlyList<Entry> Containing(string text) => [.. _entries.Where(e => e.Message.Contains(text, StringComparison.Ordinal))];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(TestLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                logs._entries.Enqueue(new Entry(category, logLevel, formatter(state, exception)));
            }
        }
    }
}
