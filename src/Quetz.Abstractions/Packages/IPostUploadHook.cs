namespace Quetz.Abstractions.Packages;

/// <summary>
/// Work to do on every new package file (quetz's <c>post_add_package_version</c>): after an upload, an import or
/// a copy is committed, the host runs every hook in a background job, never in the request, and retries the job
/// when a hook throws: every hook of the file runs again then, so a hook must be safe to repeat. When the hooks are done the host rebuilds the subdir's deferred index files, so files a
/// <see cref="Indexing.IRepodataTransformer"/> derives from a hook's data catch up.
/// </summary>
public interface IPostUploadHook
{
    /// <summary>Handles one new file; read it with <see cref="Storage.IPackageStore"/> at <see cref="PackageVersionInfo.Path"/>.</summary>
    Task OnPackageVersionAddedAsync(PackageVersionInfo version, CancellationToken cancellationToken);
}
