using Microsoft.EntityFrameworkCore;
using Quetz.Conda;
using Quetz.Host.Data;

namespace Quetz.Host.Packages;

/// <summary>
/// Adds and removes package versions and keeps each package's <c>version_order</c> right: 0 for the newest
/// version across every format and platform by conda's version order (then build number), so
/// <c>current_version</c> is right for channels of <c>.conda</c> files too (quetz#703).
/// </summary>
internal sealed class PackageVersionWriter(QuetzDbContext db)
{
    public async Task AddAsync(PackageVersion version, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.PackageVersions.Add(version);
        await db.SaveChangesAsync(ct);
        await db.Channels.Where(c => c.Name == version.ChannelName)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Size, c => c.Size + version.Size), ct);
        await ReorderAsync(version.ChannelName, version.PackageName, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Removes the version; a package left without versions goes too, with its members.</summary>
    public async Task DeleteAsync(PackageVersion version, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.PackageVersions.Remove(version);
        await db.SaveChangesAsync(ct);
        await db.Channels.Where(c => c.Name == version.ChannelName)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Size, c => c.Size - version.Size), ct);
        if (!await db.PackageVersions.AnyAsync(v => v.ChannelName == version.ChannelName && v.PackageName == version.PackageName, ct))
        {
            await db.Packages.Where(p => p.ChannelName == version.ChannelName && p.Name == version.PackageName).ExecuteDeleteAsync(ct);
        }
        else
        {
            await ReorderAsync(version.ChannelName, version.PackageName, ct);
        }

        await transaction.CommitAsync(ct);
    }

    private async Task ReorderAsync(string channel, string package, CancellationToken ct)
    {
        var versions = await db.PackageVersions.Where(v => v.ChannelName == channel && v.PackageName == package).ToListAsync(ct);
        var ordered = versions
            .Select(v => (Row: v, Order: VersionOrder.TryParse(v.Version, out var parsed) ? parsed : null))
            .OrderByDescending(x => x.Order, NullsFirstComparer.Instance)
            .ThenByDescending(x => x.Row.BuildNumber)
            .ThenByDescending(x => x.Row.TimeModified)
            .Select(x => x.Row)
            .ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].VersionOrder = i;
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Unparseable versions sort below every real one.</summary>
    private sealed class NullsFirstComparer : IComparer<VersionOrder?>
    {
        public static readonly NullsFirstComparer Instance = new();

        public int Compare(VersionOrder? x, VersionOrder? y) =>
            x is null ? (y is null ? 0 : -1) : y is null ? 1 : x.CompareTo(y);
    }
}
