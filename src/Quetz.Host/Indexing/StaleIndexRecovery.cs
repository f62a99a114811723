using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quetz.Abstractions.Storage;
using Quetz.Host.Config;
using Quetz.Host.Data;

namespace Quetz.Host.Indexing;

/// <summary>
/// At start, enqueues a build for every subdir whose published index lags its packages: work a stopped server
/// (or an in-memory Hangfire) did not finish is done again, so a restart loses no upload. Subdirs that should have
/// sharded repodata and have none (published before shards existed, or switched on since) are rebuilt too.
/// </summary>
internal sealed class StaleIndexRecovery(
    IServiceScopeFactory scopes, IndexScheduler scheduler, IPackageStore store, IOptions<RepodataOptions> repodata, ILogger<StaleIndexRecovery> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuetzDbContext>();
        var subdirs = await db.SubdirIndexes
            .Join(db.Channels, i => i.ChannelName, c => c.Name, (i, c) => new { i.ChannelName, i.Subdir, Stale = i.PublishedGeneration < i.Generation, c.Metadata })
            .ToListAsync(cancellationToken);
        var rebuilt = 0;
        foreach (var subdir in subdirs)
        {
            if (!subdir.Stale)
            {
                if (!ShardSwitch.IsOn(repodata.Value, subdir.Metadata)
                    || await store.GetInfoAsync(subdir.ChannelName, ShardPublisher.IndexPath(subdir.Subdir), cancellationToken) is not null)
                {
                    continue;
                }

                await IndexChangeLog.RecordAsync(db, subdir.ChannelName, subdir.Subdir, null, cancellationToken);
            }

            scheduler.Enqueue(subdir.ChannelName, subdir.Subdir);
            rebuilt++;
        }

        if (rebuilt > 0)
        {
            logger.LogInformation("Rebuilding {Count} stale subdir indexes", rebuilt);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
