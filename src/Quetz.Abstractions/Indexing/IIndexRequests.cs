namespace Quetz.Abstractions.Indexing;

/// <summary>Asks the host to rebuild indexes whose inputs changed outside an upload. Provided by the host.</summary>
public interface IIndexRequests
{
    /// <summary>
    /// Rebuilds every subdir of <paramref name="channel"/> with all transformers, for example when a new repodata
    /// patches package arrives. Returns once the builds are queued.
    /// </summary>
    Task ReindexChannelAsync(string channel, CancellationToken cancellationToken);
}
