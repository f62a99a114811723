using Microsoft.EntityFrameworkCore;
using Quetz.Host.Data;
using Quetz.Host.Packages;

namespace Quetz.Host.Jobs;

/// <summary>
/// <c>db_cleanup</c> (and its dry run): removes packages left without versions and puts every package's version
/// order right again. Named for what it does; quetz's names for its two cleanup jobs are swapped.
/// </summary>
internal sealed class DatabaseCleanupAction(QuetzDbContext db, PackageVersionWriter writer, ILogger<DatabaseCleanupAction> logger, bool dryRun)
    : IChannelActionHandler
{
    public string Name => dryRun ? "db_cleanup_dry_run" : "db_cleanup";

    public async Task RunAsync(Channel channel, Job job, CancellationToken cancellationToken)
    {
        var empty = await db.Packages.Where(p => p.ChannelName == channel.Name
                && !db.PackageVersions.Any(v => v.ChannelName == p.ChannelName && v.PackageName == p.Name))
            .Select(p => p.Name).ToListAsync(cancellationToken);
        logger.LogInformation("{Channel}: {Count} packages without versions{DryRun}", channel.Name, empty.Count, dryRun ? " (dry run)" : "");
        if (dryRun)
        {
            return;
        }

        await db.Packages.Where(p => p.ChannelName == channel.Name && empty.Contains(p.Name)).ExecuteDeleteAsync(cancellationToken);
        foreach (var package in await db.Packages.Where(p => p.ChannelName == channel.Name).Select(p => p.Name).ToListAsync(cancellationToken))
        {
            await writer.ReorderAsync(channel.Name, package, cancellationToken);
        }
    }
}
