using Quetz.Abstractions.Indexing;
using Quetz.Abstractions.Packages;

namespace Quetz.Plugins.RepodataPatching;

/// <summary>
/// A new file of a channel's patches package changes the records of every subdir, not only of <c>noarch</c> where it
/// was uploaded: the whole channel is re-indexed.
/// </summary>
internal sealed class PatchesUploadedHook(IIndexRequests index) : IPostUploadHook
{
    public Task OnPackageVersionAddedAsync(PackageVersionInfo version, CancellationToken cancellationToken) =>
        version.Platform == PatchesPackage.Platform && version.PackageName == PatchesPackage.NameFor(version.Channel)
            ? index.ReindexChannelAsync(version.Channel, cancellationToken)
            : Task.CompletedTask;
}
