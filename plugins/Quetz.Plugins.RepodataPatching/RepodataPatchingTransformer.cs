using Quetz.Abstractions.Indexing;
using Quetz.Conda.Repodata;

namespace Quetz.Plugins.RepodataPatching;

/// <summary>
/// Patches a subdir's records before <c>repodata.json</c> is written (quetz's <c>post_package_indexing</c> with
/// <c>tryfirst</c>), first publishing the records as the packages describe them as
/// <c>repodata_from_packages.json</c> (with <c>.zst</c> and <c>.gz</c>; conda-index's name). A channel without a patches
/// package is left alone and has no such file, as in quetz: the files go when its patches package is deleted.
/// </summary>
internal sealed class RepodataPatchingTransformer(PatchInstructionsSource source) : IRepodataTransformer
{
    public const string UnpatchedFileName = "repodata_from_packages.json";

    private static readonly string[] UnpatchedFileNames = [UnpatchedFileName, UnpatchedFileName + ".zst", UnpatchedFileName + ".gz"];

    public int Order => RepodataTransformerOrder.Patching;

    public bool ChangesRecords => true;

    public async Task TransformAsync(SubdirRepodata repodata, CancellationToken cancellationToken)
    {
        if (await source.FindAsync(repodata.Channel, repodata.Subdir, cancellationToken) is not { } instructions)
        {
            // The channel's patches package may have been deleted since the last build.
            foreach (var name in UnpatchedFileNames)
            {
                repodata.RemoveFile(name);
            }

            return;
        }

        byte[] unpatched;
        using (var buffer = new MemoryStream())
        {
            await repodata.WriteJsonAsync(buffer, cancellationToken);
            unpatched = buffer.ToArray();
        }

        // This runs between an upload and its visibility: fast levels, compressed while the records are patched. No
        // .bz2: it takes seconds on a large subdir, and no client reads this file.
        var siblings = Task.WhenAll(
            Task.Run(() => Compressed.Of(unpatched, o => RepodataCompression.Zstd(o, RepodataCompression.FastZstdLevel)), cancellationToken),
            Task.Run(() => Compressed.Of(unpatched, o => RepodataCompression.Gzip(o, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)), cancellationToken));
        PatchApplier.Apply(repodata, instructions);
        var compressed = await siblings;

        repodata.AddFile(UnpatchedFileNames[0], unpatched);
        repodata.AddFile(UnpatchedFileNames[1], compressed[0]);
        repodata.AddFile(UnpatchedFileNames[2], compressed[1]);
    }
}
