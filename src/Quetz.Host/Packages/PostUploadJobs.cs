using System.ComponentModel;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Quetz.Abstractions.Packages;
using Quetz.Host.Data;
using Quetz.Host.Indexing;
using Quetz.Host.Jobs;

namespace Quetz.Host.Packages;

/// <summary>Runs the plugins' post-upload hooks of a new package file, then refreshes its subdir's derived index files.</summary>
internal sealed class PostUploadJobs(QuetzDbContext db, IEnumerable<IPostUploadHook> hooks, IBackgroundJobClient hangfire)
{
    [DisplayName("Post-upload hooks for {0}/{1}/{2}")]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [2, 10, 60])]
    public async Task RunAsync(string channel, string platform, string filename, CancellationToken cancellationToken)
    {
        var version = await db.PackageVersions.AsNoTracking()
            .FirstOrDefaultAsync(v => v.ChannelName == channel && v.Platform == platform && v.Filename == filename, cancellationToken);
        if (version is null)
        {
            return;
        }

        var info = PackageVersionInfos.From(version);
        foreach (var hook in hooks)
        {
            await hook.OnPackageVersionAddedAsync(info, cancellationToken);
        }

        hangfire.Enqueue<IndexJobs>(JobQueues.Default, j => j.PublishDerivedFilesAsync(channel, platform, CancellationToken.None));
    }
}
