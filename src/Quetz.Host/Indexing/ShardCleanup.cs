using System.ComponentModel;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quetz.Abstractions.Storage;
using Quetz.Conda.Repodata.Shards;
using Quetz.Host.Config;
using Quetz.Host.Data;
using Quetz.Host.Jobs;

namespace Quetz.Host.Indexing;

/// <summary>
/// Removes shards superseded longer ago than <c>[repodata] shard_grace_days</c>, so clients holding an older index
/// keep finding its shards for that long. A shard the current index names again (the same records came back) is kept.
/// Runs hourly as a Hangfire recurring job; the store is shared, so any host may run it.
/// </summary>
internal sealed class ShardCleanup(
    QuetzDbContext db, IPackageStore store, IndexLock locks, IOptions<RepodataOptions> options, TimeProvider time, ILogger<ShardCleanup> logger)
{
    public const string RecurringJobId = "shard-cleanup";

    [DisplayName("Remove superseded repodata shards")]
    [AutomaticRetry(Attempts = 1)]
    [Queue(JobQueues.Default)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var subdirs = await db.SubdirIndexes.AsNoTracking().Select(i => new { i.ChannelName, i.Subdir }).ToListAsync(cancellationToken);
        var removed = 0;
        foreach (var subdir in subdirs)
        {
            removed += await CleanAsync(subdir.ChannelName, subdir.Subdir, cancellationToken);
        }

        if (removed > 0)
        {
            logger.LogInformation("Removed {Count} superseded shards", removed);
        }
    }

    public async Task<int> CleanAsync(string channel, string subdir, CancellationToken ct)
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(options.Value.ShardGraceDays);

        // Under the subdir's index lock: a build publishing meanwhile could name again a shard this is about to delete.
        await using var held = await locks.AcquireAsync(channel, subdir, ct);
        HashSet<string>? live = null;
        var removed = 0;
        await foreach (var marker in store.ListAsync(channel, $"{subdir}/{ShardPublisher.RetiredFolder}/", ct))
        {
            if (marker.LastModified > cutoff)
            {
                continue;
            }

            live ??= await LiveShardsAsync(channel, subdir, ct);
            var hash = marker.Path[(marker.Path.LastIndexOf('/') + 1)..];
            if (!live.Contains(hash) && await store.DeleteAsync(channel, $"{subdir}/{ShardPublisher.ShardsFolder}/{hash}{ShardFiles.ShardExtension}", ct))
            {
                removed++;
            }

            await store.DeleteAsync(channel, marker.Path, ct);
        }

        return removed;
    }

    private async Task<HashSet<string>> LiveShardsAsync(string channel, string subdir, CancellationToken ct)
    {
        await using var stream = await store.OpenReadAsync(channel, ShardPublisher.IndexPath(subdir), ct);
        if (stream is null)
        {
            return [];
        }

        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        return [.. ShardIndexReader.Read(buffer.ToArray()).Shards.Values.Select(Convert.ToHexStringLower)];
    }
}

/// <summary>Registers <see cref="ShardCleanup"/> as an hourly recurring job when the host starts.</summary>
internal sealed class ShardCleanupSchedule(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<ShardCleanup>(ShardCleanup.RecurringJobId, JobQueues.Default, j => j.RunAsync(CancellationToken.None), Cron.Hourly());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
