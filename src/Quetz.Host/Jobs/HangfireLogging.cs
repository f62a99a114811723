using Hangfire.Logging;

namespace Quetz.Host.Jobs;

/// <summary>
/// Hangfire keeps one log provider for the whole process. When one of several hosts in a process stops (the tests
/// run many), its logger factory is disposed while the others still log through it; this wrapper drops those
/// messages instead of failing the host that logs them.
/// </summary>
internal sealed class HangfireLogging(ILogProvider inner) : ILogProvider
{
    public ILog GetLogger(string name) => new DroppingLog(inner, name);

    private sealed class DroppingLog(ILogProvider provider, string name) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                return provider.GetLogger(name).Log(logLevel, messageFunc, exception);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
