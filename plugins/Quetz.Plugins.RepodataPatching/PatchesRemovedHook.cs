using Quetz.Abstractions.Indexing;
using Quetz.Abstractions.Packages;

namespace Quetz.Plugins.RepodataPatching;

/// <summary>
/// A deleted file of the patches package changes the records of every subdir: the channel is re-indexed, with the
/// newest remaining patches file or, when none is left, unpatched.
/// </summary>
internal sealed class PatchesRemovedHook(IIndexRequests index) : IPackageRemovedHook
{
    public Task OnPackageVersionsRemovedAsync(IReadOnlyList<PackageVersionInfo> versions, CancellationToken cancellationToken) =>
        versions.FirstOrDefault(v => v.Platform == PatchesPackage.Platform && v.PackageName == PatchesPackage.NameFor(v.Channel)) is { } patches
            ? index.ReindexChannelAsync(patches.Channel, cancellationToken)
            : Task.CompletedTask;
}
