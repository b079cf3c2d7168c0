using Microsoft.Extensions.Logging;

namespace MedVid.Grains.UnitTests.Support;

/// <summary>
/// A logger provider that counts the runtime's "lost a write race" messages, so a test can show that the
/// optimistic-concurrency retry really ran (and was not just never needed).
/// </summary>
public sealed class ConflictCounter : ILoggerProvider
{
    private int _conflicts;

    public int Conflicts => Volatile.Read(ref _conflicts);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose() { }

    private sealed class Logger(ConflictCounter owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).Contains("lost a write race", StringComparison.Ordinal))
                Interlocked.Increment(ref owner._conflicts);
        }
    }
}
