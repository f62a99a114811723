namespace Quetz.Host.Config;

/// <summary>
/// Appends log lines to <c>[logging] file</c>, as quetz's extra file handler does; the console log stays.
/// One writer for all categories, flushed per line so the file is useful while the server runs.
/// </summary>
internal sealed class FileLoggerProvider(string path, TimeProvider time) : ILoggerProvider
{
    private readonly StreamWriter _writer = new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    private readonly Lock _gate = new();

    private DateTimeOffset Now => time.GetUtcNow();

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose() => _writer.Dispose();

    private void Write(string line)
    {
        lock (_gate)
        {
            _writer.WriteLine(line);
        }
    }

    private sealed class FileLogger(FileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{provider.Now:yyyy-MM-dd HH:mm:ss,fff} {logLevel.ToString().ToUpperInvariant()} {category} {formatter(state, exception)}";
            provider.Write(exception is null ? line : $"{line}\n{exception}");
        }
    }
}
