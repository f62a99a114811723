namespace Quetz.Abstractions.Packages;

/// <summary>
/// Work to do when package files leave a channel that stays: a version deleted, a package deleted with its versions,
/// or a version the <c>validate_packages</c> action found broken. Deleting a whole channel calls no hook. Like
/// <see cref="IPostUploadHook"/>, the host runs every hook in a background job after the removal is committed and
/// the file's row is gone, retries the job when a hook throws (so a hook must be safe to repeat), and then rebuilds
/// the subdirs' deferred index files. A host that stops between the commit and queuing the job skips the call.
/// </summary>
/// <remarks>Added in contract version 1.1.</remarks>
public interface IPackageRemovedHook
{
    /// <summary>
    /// Handles files removed together, all of one channel (a package with many versions comes in several calls).
    /// The files may already be gone from the
    /// <see cref="Storage.IPackageStore"/>.
    /// </summary>
    Task OnPackageVersionsRemovedAsync(IReadOnlyList<PackageVersionInfo> versions, CancellationToken cancellationToken);
}
