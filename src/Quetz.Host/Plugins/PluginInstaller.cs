using NuGet.Common;
using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Resolver;
using NuGet.Versioning;

namespace Quetz.Host.Plugins;

/// <summary>
/// Installs a plugin from a NuGet feed (a V3 index URL or a folder of <c>.nupkg</c> files) with NuGet's own client
/// libraries: resolves the package and its dependencies for <c>net10.0</c>, leaves out what the host provides,
/// and unpacks the assemblies of each, and the native libraries for this machine's runtime, into the plugin's folder
/// of the deployment, where the loader finds them.
/// </summary>
internal static class PluginInstaller
{
    public const string NuGetOrg = "https://api.nuget.org/v3/index.json";

    /// <summary>The package type a plugin package declares in its nuspec (<c>&lt;PackageType&gt;QuetzPlugin&lt;/PackageType&gt;</c>).</summary>
    public const string PackageType = "QuetzPlugin";

    private static readonly NuGetFramework Target = NuGetFramework.Parse("net10.0");

    /// <summary>Installs <paramref name="id"/> (the latest stable version when <paramref name="version"/> is null) and returns what was installed.</summary>
    public static async Task<InstalledPlugin> InstallAsync(string deploymentDirectory, string id, string? version, string source, CancellationToken ct)
    {
        var repository = Repository.Factory.GetCoreV3(source);
        using var cache = new SourceCacheContext { NoCache = true, DirectDownload = true };
        var finder = await repository.GetResourceAsync<FindPackageByIdResource>(ct)
            ?? throw new PluginInstallException($"{source} is not a NuGet feed");
        var root = new PackageIdentity(id, await RootVersionAsync(finder, id, version, source, cache, ct));
        var closure = await PluginDependencies.ResolveAsync(repository, finder, root, Target, cache, ct);

        var directory = PluginLoader.PackageDirectory(deploymentDirectory, root.Id, root.Version.ToNormalizedString());
        var staging = directory + ".installing-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        try
        {
            List<string> files = [];
            foreach (var package in closure.OrderBy(p => !PackageIdentityComparer.Default.Equals(p, root)))
            {
                files.AddRange(await UnpackAsync(finder, package, isRoot: PackageIdentityComparer.Default.Equals(package, root), staging, cache, ct));
            }

            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            Directory.Move(staging, directory);
            return new InstalledPlugin(root.Id, root.Version.ToNormalizedString(), directory, [.. closure.Select(p => $"{p.Id} {p.Version.ToNormalizedString()}")], files);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static async Task<NuGetVersion> RootVersionAsync(FindPackageByIdResource finder, string id, string? version, string source, SourceCacheContext cache, CancellationToken ct)
    {
        var versions = (await finder.GetAllVersionsAsync(id, cache, NullLogger.Instance, ct)).ToList();
        if (version is not null)
        {
            var wanted = NuGetVersion.TryParse(version, out var parsed) ? parsed : throw new PluginInstallException($"'{version}' is not a NuGet version");
            return versions.Contains(wanted) ? wanted : throw new PluginInstallException($"package {id} {version} is not on {source}");
        }

        return versions.Where(v => !v.IsPrerelease).Max()
            ?? throw new PluginInstallException(versions.Count == 0 ? $"package {id} is not on {source}" : $"package {id} has no stable version on {source}; give --version");
    }

    /// <summary>Downloads one package and copies its assemblies for net10.0 and its native libraries for this machine into <paramref name="directory"/>.</summary>
    private static async Task<List<string>> UnpackAsync(FindPackageByIdResource finder, PackageIdentity package, bool isRoot, string directory,
        SourceCacheContext cache, CancellationToken ct)
    {
        var nupkg = Path.Combine(directory, $".{package.Id}.{package.Version.ToNormalizedString()}.nupkg");
        try
        {
            await using (var stream = File.Create(nupkg))
            {
                if (!await finder.CopyNupkgToStreamAsync(package.Id, package.Version, stream, cache, NullLogger.Instance, ct))
                {
                    throw new PluginInstallException($"package {package.Id} {package.Version.ToNormalizedString()} could not be downloaded");
                }
            }

            using var reader = new PackageArchiveReader(nupkg);
            if (isRoot && !reader.GetPackageTypes().Any(t => string.Equals(t.Name, PackageType, StringComparison.OrdinalIgnoreCase)))
            {
                throw new PluginInstallException(
                    $"package {package.Id} {package.Version.ToNormalizedString()} is not a Quetz plugin: its nuspec does not declare the package type {PackageType} (<PackageType>{PackageType}</PackageType> in the project)");
            }

            var groups = reader.GetLibItems().ToList();
            var nearest = new FrameworkReducer().GetNearest(Target, groups.Select(g => g.TargetFramework));
            if (nearest is null && isRoot)
            {
                throw new PluginInstallException($"package {package.Id} {package.Version.ToNormalizedString()} has no assemblies for {Target.GetShortFolderName()} under lib/");
            }

            List<string> copied = [];
            if (nearest is not null)
            {
                var group = groups.First(g => g.TargetFramework.Equals(nearest));
                await CopyAssembliesAsync(reader, package, group.Items, $"lib/{group.TargetFramework.GetShortFolderName()}/", directory, copied, ct);
            }

            await CopyRuntimeAssetsAsync(reader, package, directory, copied, ct);
            return copied;
        }
        finally
        {
            File.Delete(nupkg);
        }
    }

    /// <summary>Copies a group's assemblies, flattened below <paramref name="prefix"/>, leaving out what the host provides.</summary>
    private static async Task CopyAssembliesAsync(PackageArchiveReader reader, PackageIdentity package, IEnumerable<string> items, string prefix,
        string directory, List<string> copied, CancellationToken ct)
    {
        foreach (var item in items.Where(i => !i.EndsWith("/_._", StringComparison.Ordinal)))
        {
            var relative = item.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? item[prefix.Length..] : Path.GetFileName(item);
            var assembly = Path.GetFileNameWithoutExtension(relative);
            if (!HostProvided.Provides(assembly) || string.Equals(assembly, package.Id, StringComparison.OrdinalIgnoreCase))
            {
                await CopyAsync(reader, package, item, relative, directory, copied, ct);
            }
        }
    }

    /// <summary>
    /// Native libraries for every runtime identifier that runs here, kept under <c>runtimes/&lt;rid&gt;/native/</c>
    /// where <see cref="NativeAssets"/> looks for them, and the assemblies of the most specific identifier that has
    /// some for net10.0, which replace the portable ones from <c>lib/</c>.
    /// </summary>
    private static async Task CopyRuntimeAssetsAsync(PackageArchiveReader reader, PackageIdentity package, string directory, List<string> copied,
        CancellationToken ct)
    {
        var files = reader.GetFiles("runtimes").ToList();
        foreach (var rid in NativeAssets.CompatibleRids)
        {
            foreach (var item in files.Where(f => f.StartsWith($"runtimes/{rid}/native/", StringComparison.Ordinal) && !f.EndsWith('/')))
            {
                await CopyAsync(reader, package, item, item, directory, copied, ct);
            }
        }

        foreach (var rid in NativeAssets.CompatibleRids)
        {
            var lib = $"runtimes/{rid}/lib/";
            var byFramework = files.Where(f => f.StartsWith(lib, StringComparison.Ordinal) && f.IndexOf('/', lib.Length) > lib.Length)
                .GroupBy(f => NuGetFramework.ParseFolder(f[lib.Length..f.IndexOf('/', lib.Length)]))
                .ToList();
            var nearest = new FrameworkReducer().GetNearest(Target, byFramework.Select(g => g.Key));
            if (nearest is not null)
            {
                await CopyAssembliesAsync(reader, package, byFramework.First(g => g.Key.Equals(nearest)), $"{lib}{nearest.GetShortFolderName()}/",
                    directory, copied, ct);
                return;
            }
        }
    }

    private static async Task CopyAsync(PackageArchiveReader reader, PackageIdentity package, string item, string relative, string directory,
        List<string> copied, CancellationToken ct)
    {
        var target = Path.GetFullPath(Path.Combine(directory, relative));
        if (item.Split('/').Contains("..") || !target.StartsWith(Path.GetFullPath(directory) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new PluginInstallException($"package {package.Id} {package.Version.ToNormalizedString()} has a file outside its folder: {item}");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using (var source = reader.GetStream(item))
        await using (var output = File.Create(target))
        {
            await source.CopyToAsync(output, ct);
        }

        copied.Add(relative);
    }
}

/// <summary>A plugin package installed into a deployment.</summary>
/// <param name="Id">The package id.</param>
/// <param name="Version">Its normalized version.</param>
/// <param name="Directory">Where its assemblies are.</param>
/// <param name="Packages">The packages whose assemblies were unpacked, the plugin first.</param>
/// <param name="Files">The files unpacked, relative to <paramref name="Directory"/>.</param>
internal sealed record InstalledPlugin(string Id, string Version, string Directory, IReadOnlyList<string> Packages, IReadOnlyList<string> Files);
