namespace Quetz.Abstractions.Indexing;

/// <summary>
/// Changes a subdir's repodata while the host indexes it (quetz's <c>post_index_creation</c> and
/// <c>post_package_indexing</c>), and may publish files next to <c>repodata.json</c>. Transformers run in
/// ascending <see cref="Order"/> (see <see cref="RepodataTransformerOrder"/>), each seeing what the ones before it
/// did; register them as scoped or singleton services.
/// </summary>
public interface IRepodataTransformer
{
    /// <summary>Where it runs among the others: patching before trimming before signing.</summary>
    int Order { get; }

    /// <summary>
    /// True when it changes records or top-level keys: it then runs before <c>repodata.json</c> and the shards are
    /// written, on the path between an upload and its visibility. False when it only derives files
    /// (<c>current_repodata.json</c>, <c>run_exports.json</c>): it then runs shortly after publication, off that
    /// path, on the published records.
    /// </summary>
    bool ChangesRecords { get; }

    /// <summary>Transforms <paramref name="repodata"/> and adds files with <see cref="SubdirRepodata.AddFile"/>.</summary>
    Task TransformAsync(SubdirRepodata repodata, CancellationToken cancellationToken);
}
