using System.Collections.Concurrent;

namespace Quetz.Host.Serving;

/// <summary>
/// Counts package downloads in memory; <see cref="DownloadCountFlusher"/> adds them to the database in batches,
/// so a busy server does not write a row per download. Counts are increments, so every host of a
/// scaled-out deployment flushes its own without coordination.
/// </summary>
internal sealed class DownloadCounter
{
    public const int FlushThreshold = 50;
    private ConcurrentDictionary<DownloadKey, int> _pending = new();
    private int _pendingTotal;

    /// <summary>Signalled when enough downloads are pending to be worth a flush before the timer.</summary>
    public SemaphoreSlim FlushWanted { get; } = new(0);

    public void Count(string channel, string path)
    {
        var (subdir, fileName) = PackagePath.Split(path);
        _pending.AddOrUpdate(new DownloadKey(channel, subdir, fileName), 1, (_, n) => n + 1);
        if (Interlocked.Increment(ref _pendingTotal) == FlushThreshold)
        {
            FlushWanted.Release();
        }
    }

    /// <summary>Takes the pending counts, leaving an empty set for new downloads.</summary>
    public IReadOnlyDictionary<DownloadKey, int> Take()
    {
        var taken = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<DownloadKey, int>());
        Interlocked.Exchange(ref _pendingTotal, 0);
        return taken;
    }
}

internal readonly record struct DownloadKey(string Channel, string Platform, string FileName);
