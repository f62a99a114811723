using Microsoft.EntityFrameworkCore;
using Quetz.Abstractions.Packages;
using Quetz.Host.Data;

namespace Quetz.Host.Packages;

/// <summary>Package versions for plugins, newest first by the host's <c>version_order</c>.</summary>
internal sealed class PackageCatalog(QuetzDbContext db) : IPackageCatalog
{
    public async Task<IReadOnlyList<PackageVersionInfo>> GetVersionsAsync(string channel, string packageName, CancellationToken cancellationToken)
    {
        var versions = await db.PackageVersions.AsNoTracking()
            .Where(v => v.ChannelName == channel && v.PackageName == packageName)
            .OrderBy(v => v.VersionOrder).ThenBy(v => v.Filename)
            .ToListAsync(cancellationToken);
        return [.. versions.Select(PackageVersionInfos.From)];
    }

    public async Task<PackageVersionInfo?> GetVersionAsync(string channel, string platform, string filename, CancellationToken cancellationToken)
    {
        var version = await db.PackageVersions.AsNoTracking()
            .FirstOrDefaultAsync(v => v.ChannelName == channel && v.Platform == platform && v.Filename == filename, cancellationToken);
        return version is null ? null : PackageVersionInfos.From(version);
    }
}
