using System.Text.Json;
using Hangfire;
using Quetz.Abstractions.Packages;
using Quetz.Host.Jobs;

namespace Quetz.Host.Packages;

/// <summary>Queues the plugins' hooks for committed changes to a channel's files, when any plugin registered one.</summary>
internal sealed class PackageHookScheduler(Plugins.PluginCatalog plugins, IBackgroundJobClient hangfire)
{
    private const int RemovedBatchSize = 200;

    public void Added(string channel, string platform, string filename)
    {
        if (plugins.HasPostUploadHooks)
        {
            hangfire.Enqueue<PostUploadJobs>(JobQueues.Default, j => j.RunAsync(channel, platform, filename, CancellationToken.None));
        }
    }

    /// <summary>
    /// Files removed together; their rows are gone, so the jobs carry what the hooks are told, in batches that keep
    /// a job's arguments small when a package with thousands of versions goes.
    /// </summary>
    public void Removed(string channel, IReadOnlyList<PackageVersionInfo> versions)
    {
        if (!plugins.HasPackageRemovedHooks)
        {
            return;
        }

        foreach (var batch in versions.Chunk(RemovedBatchSize))
        {
            var removed = JsonSerializer.Serialize(batch);
            hangfire.Enqueue<PackageRemovedJobs>(JobQueues.Default, j => j.RunAsync(channel, removed, CancellationToken.None));
        }
    }
}
