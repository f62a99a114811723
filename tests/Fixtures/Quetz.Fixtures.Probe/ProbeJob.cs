using System.Collections.Concurrent;
using Quetz.Abstractions.Jobs;

namespace Quetz.Fixtures.Probe;

/// <summary>A job kind that records the argument it ran with.</summary>
public sealed class ProbeJob(ProbeJobLog log) : IPluginJob
{
    public const string JobKind = "probe-record";

    public string Kind => JobKind;

    public Task RunAsync(string arguments, CancellationToken cancellationToken)
    {
        log.Ran.Add(arguments);
        return Task.CompletedTask;
    }
}

/// <summary>What <see cref="ProbeJob"/> ran, for the test to read over HTTP.</summary>
public sealed class ProbeJobLog
{
    public ConcurrentBag<string> Ran { get; } = [];
}
