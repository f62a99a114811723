using System.Text.Json.Nodes;
using Quetz.Abstractions.Packages;
using Quetz.Abstractions.Storage;
using Quetz.Conda.Archives;
using Quetz.Plugins.RunExports.Data;

namespace Quetz.Plugins.RunExports;

/// <summary>
/// Reads <c>info/run_exports.json</c> of every new package file and stores it (quetz's
/// <c>post_add_package_version</c>): <c>{}</c> for a package without one, as quetz stores it, so the route tells
/// "no run_exports" (200, <c>{}</c>) from "not read yet or no such file" (404).
/// </summary>
internal sealed class RunExportsUploadHook(IPackageStore store, RunExportsRepository repository) : IPostUploadHook
{
    public async Task OnPackageVersionAddedAsync(PackageVersionInfo version, CancellationToken cancellationToken)
    {
        var metadata = await ReadAsync(version, cancellationToken);
        if (metadata is not null)
        {
            await repository.SaveAsync(version, metadata.RunExports ?? new JsonObject(), cancellationToken);
        }
    }

    /// <summary>The file's metadata, or null when the file was deleted before the hook ran.</summary>
    private async Task<PackageMetadata?> ReadAsync(PackageVersionInfo version, CancellationToken cancellationToken)
    {
        var format = version.Format == "conda" ? PackageFormat.Conda : PackageFormat.TarBz2;
        var content = await store.OpenReadAsync(version.Channel, version.Path, cancellationToken);
        if (content is null)
        {
            return null;
        }

        await using (content)
        {
            if (format == PackageFormat.TarBz2 || content.CanSeek)
            {
                return await PackageReader.ReadAsync(content, format, null, cancellationToken);
            }

            // A .conda is a zip and needs seeking; a store streaming from the network cannot, so spool it to disk.
            var spool = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await using (spool)
            {
                await content.CopyToAsync(spool, cancellationToken);
                spool.Position = 0;
                return await PackageReader.ReadAsync(spool, format, null, cancellationToken);
            }
        }
    }
}
