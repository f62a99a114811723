using Microsoft.EntityFrameworkCore;
using Quetz.Host.Data;

namespace Quetz.Host.Indexing;

/// <summary>
/// At start, enqueues a build for every subdir whose published index lags its packages: work a stopped server
/// (or an in-memory Hangfire) did not finish is done again, so a restart loses no upload.
/// </summary>
internal sealed class StaleIndexRecovery(IServiceScopeFactory scopes, IndexScheduler scheduler, ILogger<StaleIndexRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuetzDbContext>();
        var stale = await db.SubdirIndexes.Where(i => i.PublishedGeneration < i.Generation)
            .Select(i => new { i.ChannelName, i.Subdir }).ToListAsync(cancellationToken);
        foreach (var subdir in stale)
        {
            scheduler.Enqueue(subdir.ChannelName, subdir.Subdir);
        }

        if (stale.Count > 0)
        {
            logger.LogInformation("Rebuilding {Count} stale subdir indexes", stale.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
