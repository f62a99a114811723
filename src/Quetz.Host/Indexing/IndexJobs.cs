using System.ComponentModel;
using Hangfire;
using Quetz.Host.Jobs;

namespace Quetz.Host.Indexing;

/// <summary>
/// Index builds as Hangfire jobs, one per channel subdir. A burst of uploads enqueues many, but each build takes
/// every change up to the newest generation, so the ones after it find nothing left to do.
/// </summary>
internal sealed class IndexJobs(SubdirIndexer subdirs, ChannelIndexer channels, SubdirExtrasPublisher extras, IBackgroundJobClient hangfire)
{
    private static readonly TimeSpan ExtrasDelay = TimeSpan.FromSeconds(3);

    [DisplayName("Index {0}/{1}")]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [2, 10, 60])]
    [Queue(JobQueues.Index)]
    public async Task IndexSubdirAsync(string channel, string subdir, CancellationToken cancellationToken)
    {
        if (await subdirs.IndexAsync(channel, subdir, cancellationToken))
        {
            // Later, so that a burst of uploads pays for one bzip2 of the subdir instead of one per upload.
            hangfire.Schedule<IndexJobs>(JobQueues.Default, j => j.PublishExtrasAsync(channel, subdir, CancellationToken.None), ExtrasDelay);
        }
    }

    /// <summary>The slower files of a build, after its index is visible: channeldata, pages and the bzip2 sibling.</summary>
    [DisplayName("Index pages and bzip2 of {0}/{1}")]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [2, 10, 60])]
    public async Task PublishExtrasAsync(string channel, string subdir, CancellationToken cancellationToken)
    {
        await channels.IndexAsync(channel, cancellationToken);
        await extras.PublishAsync(channel, subdir, force: false, cancellationToken);
    }

    /// <summary>The derived files of a subdir again, after a post-upload hook changed what they are made from.</summary>
    [DisplayName("Derived index files of {0}/{1}")]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [2, 10, 60])]
    public Task PublishDerivedFilesAsync(string channel, string subdir, CancellationToken cancellationToken) =>
        extras.PublishAsync(channel, subdir, force: true, cancellationToken);
}

/// <summary>Asks for an index build of a channel subdir.</summary>
internal sealed class IndexScheduler(IBackgroundJobClient hangfire)
{
    public void Enqueue(string channel, string subdir) =>
        hangfire.Enqueue<IndexJobs>(JobQueues.Index, j => j.IndexSubdirAsync(channel, subdir, CancellationToken.None));
}
