using Quetz.Host.Data;

namespace Quetz.Host.Jobs;

/// <summary>The work behind a channel action (<c>PUT /api/channels/{c}/actions</c>), run as a Hangfire job.</summary>
internal interface IChannelActionHandler
{
    /// <summary>quetz's action and manifest name: <c>generate_indexes</c>, <c>reindex</c>, <c>cleanup</c>…</summary>
    string Name { get; }

    Task RunAsync(Channel channel, Job job, CancellationToken cancellationToken);
}
