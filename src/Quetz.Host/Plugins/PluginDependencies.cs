using NuGet.Common;
using NuGet.Frameworks;
using NuGet.Packaging.Core;
using NuGet.Protocol.Core.Types;
using NuGet.Resolver;
using NuGet.Versioning;

namespace Quetz.Host.Plugins;

/// <summary>
/// The dependency closure of a plugin package for one framework, as NuGet resolves it: for each dependency the
/// lowest version its range allows, then NuGet's resolver picks one consistent version per package. Packages the
/// host provides are left out with their own dependencies, which the host brings too.
/// </summary>
internal static class PluginDependencies
{
    public static async Task<IReadOnlyList<PackageIdentity>> ResolveAsync(SourceRepository repository, FindPackageByIdResource finder,
        PackageIdentity root, NuGetFramework framework, SourceCacheContext cache, CancellationToken ct)
    {
        var dependencyInfo = await repository.GetResourceAsync<DependencyInfoResource>(ct)
            ?? throw new PluginInstallException($"{repository.PackageSource.Source} is not a NuGet feed");
        var available = new Dictionary<PackageIdentity, SourcePackageDependencyInfo>(PackageIdentityComparer.Default);
        var pending = new Queue<PackageIdentity>([root]);
        while (pending.TryDequeue(out var identity))
        {
            if (available.ContainsKey(identity))
            {
                continue;
            }

            var info = await dependencyInfo.ResolvePackage(identity, framework, cache, NullLogger.Instance, ct)
                ?? throw new PluginInstallException($"package {identity.Id} {identity.Version.ToNormalizedString()} is not on {repository.PackageSource.Source}");
            var dependencies = info.Dependencies.Where(d => !HostProvided.Provides(d.Id)).ToList();
            available[identity] = new SourcePackageDependencyInfo(info.Id, info.Version, dependencies, info.Listed, info.Source);
            foreach (var dependency in dependencies)
            {
                pending.Enqueue(new PackageIdentity(dependency.Id, await LowestAsync(finder, dependency, repository, cache, ct)));
            }
        }

        var context = new PackageResolverContext(DependencyBehavior.Lowest, [root.Id], [], [], [root], available.Values,
            [repository.PackageSource], NullLogger.Instance);
        try
        {
            return [.. new PackageResolver().Resolve(context, ct)];
        }
        catch (NuGetResolverException e)
        {
            throw new PluginInstallException($"the dependencies of {root.Id} {root.Version.ToNormalizedString()} cannot be resolved: {e.Message}");
        }
    }

    private static async Task<NuGetVersion> LowestAsync(FindPackageByIdResource finder, NuGet.Packaging.Core.PackageDependency dependency,
        SourceRepository repository, SourceCacheContext cache, CancellationToken ct)
    {
        var versions = await finder.GetAllVersionsAsync(dependency.Id, cache, NullLogger.Instance, ct);
        return versions.Where(dependency.VersionRange.Satisfies).Min()
            ?? throw new PluginInstallException(
                $"dependency {dependency.Id} {dependency.VersionRange.PrettyPrint()} is not on {repository.PackageSource.Source}");
    }
}
