using Quetz.Abstractions.Indexing;
using Quetz.Conda.Repodata;
using CurrentRepodataBuilder = Quetz.Conda.Repodata.CurrentRepodata;

namespace Quetz.Plugins.CurrentRepodata;

/// <summary>
/// Derives <c>current_repodata.json</c> from the published, already patched records (conda-index's
/// <c>build_current_repodata</c>): the newest version of every package plus what their dependencies need. It changes
/// no record, so the host runs it off the upload path, in the deferred stage.
/// </summary>
internal sealed class CurrentRepodataTransformer : IRepodataTransformer
{
    public const string FileName = "current_repodata.json";

    public int Order => RepodataTransformerOrder.Trimming;

    public bool ChangesRecords => false;

    public async Task TransformAsync(SubdirRepodata repodata, CancellationToken cancellationToken)
    {
        var current = CurrentRepodataBuilder.Build(Full(repodata));
        byte[] json;
        using (var buffer = new MemoryStream())
        {
            await RepodataWriter.WriteAsync(current, buffer, cancellationToken);
            json = buffer.ToArray();
        }

        // The JSON first: /get serves the .gz sibling only when it is not older than the JSON.
        repodata.AddFile(FileName, json);
        var siblings = await Task.WhenAll(
            Task.Run(() => Compressed.Of(json, o => RepodataCompression.Zstd(o, RepodataCompression.CondaIndexZstdLevel)), cancellationToken),
            Task.Run(() => Compressed.Of(json, RepodataCompression.Bzip2), cancellationToken),
            Task.Run(() => Compressed.Of(json, RepodataCompression.Gzip), cancellationToken));
        repodata.AddFile(FileName + ".zst", siblings[0]);
        repodata.AddFile(FileName + ".bz2", siblings[1]);
        repodata.AddFile(FileName + ".gz", siblings[2]);
    }

    /// <summary>
    /// The subdir as a document. Records are shared, not copied: the builder copies the ones it keeps and changes
    /// none of the input.
    /// </summary>
    private static RepodataDocument Full(SubdirRepodata repodata)
    {
        var full = new RepodataDocument(repodata.Subdir);
        foreach (var (fileName, record) in repodata.Packages)
        {
            full.Packages[fileName] = record;
        }

        foreach (var (fileName, record) in repodata.CondaPackages)
        {
            full.CondaPackages[fileName] = record;
        }

        full.Removed.UnionWith(repodata.Removed);
        foreach (var (key, value) in repodata.Extra)
        {
            full.Extra[key] = value?.DeepClone();
        }

        return full;
    }
}
