using System.Text.Json;
using Hangfire;
using Quetz.Abstractions.Packages;
using Quetz.Host.Jobs;

namespace Quetz.Host.Packages;

/// <summary>Queues the plugins' hooks for committed changes to a channel's files, when any plugin registered one.</summary>
internal sealed class PackageHookScheduler(Plugins.PluginCatalog plugins, IBackgroundJobClient hangfire)
{
    public void Added(string channel, string platform, string filename)
    {
        if (plugins.HasPostUploadHooks)
        {
            hangfire.Enqueue<PostUploadJobs>(JobQueues.Default, j => j.RunAsync(channel, platform, filename, CancellationToken.None));
        }
    }

    /// <summary>Files removed together; their rows are gone, so the job carries what the hooks are told.</summary>
    public void Removed(string channel, IReadOnlyList<PackageVersionInfo> versions)
    {
        if (plugins.HasPackageRemovedHooks && versions.Count > 0)
        {
            var removed = JsonSerializer.Serialize(versions);
            hangfire.Enqueue<PackageRemovedJobs>(JobQueues.Default, j => j.RunAsync(channel, removed, CancellationToken.None));
        }
    }
}
