using System.ComponentModel;
using System.Text.Json;
using Hangfire;
using Quetz.Abstractions.Packages;
using Quetz.Host.Indexing;
using Quetz.Host.Jobs;

namespace Quetz.Host.Packages;

/// <summary>Runs the plugins' hooks for files removed from a channel, then refreshes the subdirs' derived index files.</summary>
internal sealed class PackageRemovedJobs(IEnumerable<IPackageRemovedHook> hooks, IBackgroundJobClient hangfire)
{
    [DisplayName("Package-removed hooks for {0}")]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [2, 10, 60])]
    public async Task RunAsync(string channel, string removed, CancellationToken cancellationToken)
    {
        var versions = JsonSerializer.Deserialize<List<PackageVersionInfo>>(removed) ?? [];
        foreach (var hook in hooks)
        {
            await hook.OnPackageVersionsRemovedAsync(versions, cancellationToken);
        }

        foreach (var platform in versions.Select(v => v.Platform).Distinct(StringComparer.Ordinal))
        {
            hangfire.Enqueue<IndexJobs>(JobQueues.Default, j => j.PublishDerivedFilesAsync(channel, platform, CancellationToken.None));
        }
    }
}
