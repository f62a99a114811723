using Microsoft.EntityFrameworkCore;
using Quetz.Abstractions.Storage;
using Quetz.Host.Data;

namespace Quetz.Host.Jobs;

/// <summary>
/// <c>pkgstore_cleanup</c> (and its dry run): deletes package files in the channel's store that no version row
/// refers to — what an interrupted upload or a soft delete leaves behind. Index files are kept.
/// </summary>
internal sealed class StoreCleanupAction(QuetzDbContext db, IPackageStore store, ILogger<StoreCleanupAction> logger, bool dryRun)
    : IChannelActionHandler
{
    public string Name => dryRun ? "pkgstore_cleanup_dry_run" : "pkgstore_cleanup";

    public async Task RunAsync(Channel channel, Job job, CancellationToken cancellationToken)
    {
        var known = (await db.PackageVersions.Where(v => v.ChannelName == channel.Name).Select(v => v.Platform + "/" + v.Filename)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var orphans = new List<string>();
        await foreach (var file in store.ListAsync(channel.Name, "", cancellationToken))
        {
            if (Serving.PackagePath.IsPackage(file.Path) && !known.Contains(file.Path))
            {
                orphans.Add(file.Path);
            }
        }

        logger.LogInformation("{Channel}: {Count} package files without a version{DryRun}", channel.Name, orphans.Count, dryRun ? " (dry run)" : "");
        if (!dryRun)
        {
            foreach (var path in orphans)
            {
                await store.DeleteAsync(channel.Name, path, cancellationToken);
            }
        }
    }
}
