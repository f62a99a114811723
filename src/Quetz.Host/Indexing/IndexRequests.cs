using Microsoft.EntityFrameworkCore;
using Quetz.Abstractions.Indexing;
using Quetz.Host.Data;

namespace Quetz.Host.Indexing;

/// <summary>Rebuilds for plugins: each subdir's generation goes up with no file logged, so its next build is a full one.</summary>
internal sealed class IndexRequests(QuetzDbContext db, IndexScheduler scheduler) : IIndexRequests
{
    public async Task ReindexChannelAsync(string channel, CancellationToken cancellationToken)
    {
        var subdirs = await db.SubdirIndexes.Where(i => i.ChannelName == channel).Select(i => i.Subdir).ToListAsync(cancellationToken);
        foreach (var subdir in subdirs)
        {
            await IndexChangeLog.RecordAsync(db, channel, subdir, null, cancellationToken);
            scheduler.Enqueue(channel, subdir);
        }
    }
}
