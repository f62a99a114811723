using Microsoft.EntityFrameworkCore;
using Quetz.Host.Data;

namespace Quetz.Host.Serving;

/// <summary>
/// Writes counted downloads to <c>package_versions.download_count</c> and the hourly, daily, monthly and yearly
/// <c>aggregated_metrics</c> buckets: every 10 seconds, sooner after 50 downloads, and once more at shutdown.
/// </summary>
internal sealed class DownloadCountFlusher(DownloadCounter counter, IServiceScopeFactory scopes, TimeProvider time, ILogger<DownloadCountFlusher> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                await Task.WhenAny(Task.Delay(Interval, time, wait.Token), counter.FlushWanted.WaitAsync(wait.Token));
                await wait.CancelAsync();
            }

            await FlushAsync(CancellationToken.None);
        }

        await FlushAsync(CancellationToken.None);
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        var counts = counter.Take();
        if (counts.Count == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QuetzDbContext>();
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var (key, n) in counts)
            {
                var versions = db.PackageVersions.Where(v => v.ChannelName == key.Channel && v.Platform == key.Platform && v.Filename == key.FileName);
                if (!await versions.AnyAsync(ct))
                {
                    continue;
                }

                // The series first, the version's total last: whoever sees the new total also sees the series.
                foreach (var period in MetricPeriods.All)
                {
                    await AddToBucketAsync(db, key, period, MetricPeriods.BucketStart(period, now), n, ct);
                }

                await versions.ExecuteUpdateAsync(s => s.SetProperty(v => v.DownloadCount, v => v.DownloadCount + n), ct);
            }
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException)
        {
            logger.LogWarning(e, "Could not record {Count} download counts", counts.Count);
        }
    }

    private static async Task AddToBucketAsync(QuetzDbContext db, DownloadKey key, string period, DateTime bucket, int n, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var updated = await db.AggregatedMetrics
                .Where(m => m.ChannelName == key.Channel && m.Platform == key.Platform && m.Filename == key.FileName
                            && m.MetricName == MetricPeriods.DownloadMetric && m.Period == period && m.Timestamp == bucket)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Count, m => m.Count + n), ct);
            if (updated > 0)
            {
                return;
            }

            try
            {
                db.AggregatedMetrics.Add(new AggregatedMetric
                {
                    ChannelName = key.Channel,
                    Platform = key.Platform,
                    Filename = key.FileName,
                    MetricName = MetricPeriods.DownloadMetric,
                    Period = period,
                    Count = n,
                    Timestamp = bucket,
                });
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException)
            {
                // Another host created the bucket between our update and insert: add to it instead.
                db.ChangeTracker.Clear();
            }
        }
    }
}
