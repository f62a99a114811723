using Microsoft.EntityFrameworkCore;
using Quetz.Host.Data;
using Quetz.Host.Jobs;

namespace Quetz.Host.Indexing;

/// <summary><c>generate_indexes</c>: rebuilds every subdir index of the channel and its channeldata, whatever their state.</summary>
internal sealed class GenerateIndexesAction(QuetzDbContext db, SubdirIndexer subdirs, ChannelIndexer channels, SubdirExtrasPublisher extras)
    : IChannelActionHandler
{
    public string Name => "generate_indexes";

    public async Task RunAsync(Channel channel, Job job, CancellationToken cancellationToken)
    {
        await IndexChangeLog.EnsureAsync(db, channel.Name, "noarch", cancellationToken);
        var names = await db.SubdirIndexes.Where(i => i.ChannelName == channel.Name).Select(i => i.Subdir).ToListAsync(cancellationToken);
        foreach (var subdir in names)
        {
            await IndexChangeLog.RecordAsync(db, channel.Name, subdir, null, cancellationToken);
            await subdirs.IndexAsync(channel.Name, subdir, cancellationToken);
            await extras.PublishAsync(channel.Name, subdir, force: true, cancellationToken);
        }

        await channels.IndexAsync(channel.Name, cancellationToken);
    }
}
