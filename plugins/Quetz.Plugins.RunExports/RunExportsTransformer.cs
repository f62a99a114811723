using Quetz.Abstractions.Indexing;
using Quetz.Abstractions.Packages;
using Quetz.Conda.Repodata;
using Quetz.Plugins.RunExports.Data;

namespace Quetz.Plugins.RunExports;

/// <summary>
/// Publishes <c>run_exports.json</c> and <c>run_exports.json.zst</c> (rattler-build asks for the <c>.zst</c> first)
/// next to <c>repodata.json</c>, for exactly the records published there, so patched and removed records follow.
/// Only derives files, so the host runs it after publication and again once the upload hook has stored new data.
/// </summary>
internal sealed class RunExportsTransformer(RunExportsRepository repository, IPackageCatalog catalog) : IRepodataTransformer
{
    public int Order => RepodataTransformerOrder.Trimming;

    public bool ChangesRecords => false;

    public async Task TransformAsync(SubdirRepodata repodata, CancellationToken cancellationToken)
    {
        var rows = await repository.ForSubdirAsync(repodata.Channel, repodata.Subdir, cancellationToken);
        var json = RunExportsJson.Build(repodata.Subdir, Files(repodata.Packages, rows), Files(repodata.CondaPackages, rows), rows);
        repodata.AddFile(RunExportsJson.FileName, json);

        using var compressed = new MemoryStream();
        await using (var zstd = RepodataCompression.Zstd(compressed, RepodataCompression.CondaIndexZstdLevel))
        {
            await zstd.WriteAsync(json, cancellationToken);
        }

        repodata.AddFile(RunExportsJson.FileName + ".zst", compressed.ToArray());
        await ForgetDeletedFilesAsync(repodata, rows, cancellationToken);
    }

    /// <summary>
    /// File names of a section with their published SHA-256; a record is parsed only when a row exists for it, so a
    /// large subdir with few run_exports costs few parses.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string?>> Files(IDictionary<string, RepodataRecord> section, Dictionary<string, PackageRunExports> rows) =>
        section.Keys.Select(name => new KeyValuePair<string, string?>(name,
            rows.ContainsKey(name) && section.TryGetValue(name, out var record) ? record.Sha256 : null));

    /// <summary>
    /// Drops rows of files the host no longer has (quetz's foreign key cascaded them away). A row of a file missing
    /// from the published records may belong to an upload not yet indexed, so the host's catalog decides.
    /// </summary>
    private async Task ForgetDeletedFilesAsync(SubdirRepodata repodata, Dictionary<string, PackageRunExports> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows.Values.Where(r => !repodata.Packages.ContainsKey(r.Filename) && !repodata.CondaPackages.ContainsKey(r.Filename)))
        {
            if (await catalog.GetVersionAsync(repodata.Channel, repodata.Subdir, row.Filename, cancellationToken) is null)
            {
                await repository.RemoveAsync(row, cancellationToken);
            }
        }
    }
}
