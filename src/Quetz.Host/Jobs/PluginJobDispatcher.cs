using System.ComponentModel;
using Hangfire;
using Quetz.Abstractions.Jobs;

namespace Quetz.Host.Jobs;

/// <summary>
/// The one Hangfire job type behind every plugin job: it stores only the kind and the JSON arguments, so queued jobs
/// survive restarts and plugin upgrades, and finds the plugin's <see cref="IPluginJob"/> when it runs.
/// </summary>
internal sealed class PluginJobDispatcher(IEnumerable<IPluginJob> jobs)
{
    [DisplayName("Plugin job: {0}")]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [5, 30, 120])]
    public Task RunAsync(string kind, string arguments, CancellationToken cancellationToken)
    {
        var job = jobs.FirstOrDefault(j => j.Kind == kind)
            ?? throw new InvalidOperationException($"no loaded plugin provides the job kind '{kind}'");
        return job.RunAsync(arguments, cancellationToken);
    }
}
