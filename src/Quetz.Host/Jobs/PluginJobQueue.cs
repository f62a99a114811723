using Hangfire;
using Quetz.Abstractions.Jobs;

namespace Quetz.Host.Jobs;

/// <summary>Queues plugin jobs as runs of the host's <see cref="PluginJobDispatcher"/>, which Hangfire can always resolve.</summary>
internal sealed class PluginJobQueue(IBackgroundJobClient hangfire) : IPluginJobQueue
{
    public string Enqueue(string kind, string arguments) =>
        hangfire.Enqueue<PluginJobDispatcher>(JobQueues.Default, d => d.RunAsync(kind, arguments, CancellationToken.None));

    public string Schedule(string kind, string arguments, TimeSpan delay) =>
        hangfire.Schedule<PluginJobDispatcher>(JobQueues.Default, d => d.RunAsync(kind, arguments, CancellationToken.None), delay);
}
