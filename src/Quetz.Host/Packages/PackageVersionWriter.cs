using Microsoft.EntityFrameworkCore;
using Quetz.Conda;
using Quetz.Host.Data;
using Quetz.Host.Indexing;

namespace Quetz.Host.Packages;

/// <summary>
/// Adds and removes package versions in one transaction each, keeping what depends on them right: the channel's
/// size, each package's <c>version_order</c> (0 for the newest across every format and platform by conda's version
/// order, then build number — so <c>current_version</c> is right for <c>.conda</c> channels too, quetz#703), and the
/// subdir's index change log, after which an index build is asked for.
/// </summary>
internal sealed class PackageVersionWriter(QuetzDbContext db, IndexScheduler indexes, PackageHookScheduler hooks)
{
    /// <summary>
    /// Adds <paramref name="version"/>, or with <paramref name="replace"/> overwrites the row of the same file.
    /// Creates <paramref name="newPackage"/> (owned by <paramref name="owner"/>) first when given.
    /// </summary>
    public async Task AddAsync(PackageVersion version, Package? newPackage, Guid? owner, bool replace, CancellationToken ct)
    {
        await IndexChangeLog.EnsureAsync(db, version.ChannelName, version.Platform, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        // First, so the subdir's index row is locked until commit: concurrent uploads to a subdir (on PostgreSQL)
        // then order their versions one after the other instead of from each other's stale reads.
        await IndexChangeLog.RecordAsync(db, version.ChannelName, version.Platform, version.Filename, ct);
        if (newPackage is not null)
        {
            db.Packages.Add(newPackage);
            if (owner is { } id)
            {
                db.PackageMembers.Add(new PackageMember { ChannelName = newPackage.ChannelName, PackageName = newPackage.Name, UserId = id, Role = Identity.Roles.Owner });
            }
        }

        var existing = replace
            ? await db.PackageVersions.FirstOrDefaultAsync(v => v.ChannelName == version.ChannelName && v.Platform == version.Platform && v.Filename == version.Filename, ct)
            : null;
        long sizeChange = version.Size;
        if (existing is null)
        {
            db.PackageVersions.Add(version);
        }
        else
        {
            sizeChange -= existing.Size;
            existing.Info = version.Info;
            existing.Size = version.Size;
            existing.UploaderId = version.UploaderId;
            existing.TimeModified = version.TimeModified;
            version.Id = existing.Id;
        }

        await db.SaveChangesAsync(ct);
        await db.Channels.Where(c => c.Name == version.ChannelName).ExecuteUpdateAsync(s => s.SetProperty(c => c.Size, c => c.Size + sizeChange), ct);
        await ReorderAsync(version.ChannelName, version.PackageName, ct);
        await transaction.CommitAsync(ct);
        indexes.Enqueue(version.ChannelName, version.Platform);
        hooks.Added(version.ChannelName, version.Platform, version.Filename);
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

        await RecordIfIndexedAsync(version.ChannelName, version.Platform, version.Filename, ct);
        await transaction.CommitAsync(ct);
        indexes.Enqueue(version.ChannelName, version.Platform);
        hooks.Removed(version.ChannelName, [PackageVersionInfos.From(version)]);
    }

    /// <summary>Removes a package with every version and member; returns the files whose rows went.</summary>
    public async Task<IReadOnlyList<(string Platform, string Filename)>> DeletePackageAsync(string channel, string package, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var versions = await db.PackageVersions.AsNoTracking().Where(v => v.ChannelName == channel && v.PackageName == package).ToListAsync(ct);
        await db.Packages.Where(p => p.ChannelName == channel && p.Name == package).ExecuteDeleteAsync(ct);
        var removedSize = versions.Sum(v => v.Size);
        await db.Channels.Where(c => c.Name == channel).ExecuteUpdateAsync(s => s.SetProperty(c => c.Size, c => c.Size - removedSize), ct);
        foreach (var version in versions)
        {
            await RecordIfIndexedAsync(channel, version.Platform, version.Filename, ct);
        }

        await transaction.CommitAsync(ct);
        foreach (var platform in versions.Select(v => v.Platform).Distinct())
        {
            indexes.Enqueue(channel, platform);
        }

        hooks.Removed(channel, [.. versions.Select(PackageVersionInfos.From)]);

        return versions.Select(v => (v.Platform, v.Filename)).ToList();
    }

    private async Task RecordIfIndexedAsync(string channel, string subdir, string filename, CancellationToken ct)
    {
        if (await db.SubdirIndexes.AnyAsync(i => i.ChannelName == channel && i.Subdir == subdir, ct))
        {
            await IndexChangeLog.RecordAsync(db, channel, subdir, filename, ct);
        }
    }

    /// <summary>
    /// Puts the package's version order right. Reads only the ordering columns, untracked, and writes only the rows
    /// whose position changed; the common case — one version added or removed — is one statement for the rows that
    /// move by one, so an upload into a long history does not rewrite every row.
    /// </summary>
    public async Task ReorderAsync(string channel, string package, CancellationToken ct)
    {
        var rows = await db.PackageVersions.AsNoTracking().Where(v => v.ChannelName == channel && v.PackageName == package)
            .Select(v => new { v.Id, v.Version, v.BuildNumber, v.TimeModified, v.VersionOrder }).ToListAsync(ct);
        var ordered = rows
            .Select(r => (Row: r, Order: VersionOrder.TryParse(r.Version, out var parsed) ? parsed : null))
            .OrderByDescending(x => x.Order, NullsFirstComparer.Instance)
            .ThenByDescending(x => x.Row.BuildNumber)
            .ThenByDescending(x => x.Row.TimeModified)
            .Select((x, index) => (x.Row.Id, Old: x.Row.VersionOrder, New: index))
            .Where(x => x.Old != x.New)
            .ToList();
        if (ordered.Count == 0)
        {
            return;
        }

        // One version added or removed: every row below it moves by the same step, the version itself by any.
        var step = ordered.GroupBy(x => x.New - x.Old).MaxBy(g => g.Count())!.Key;
        var shifted = ordered.Where(x => x.New - x.Old == step).ToList();
        var movers = ordered.Where(x => x.New - x.Old != step).ToList();
        if (Math.Abs(step) == 1 && movers.Count <= 1)
        {
            var (low, high) = (shifted.Min(x => x.Old), shifted.Max(x => x.Old));
            var moverId = movers.Select(m => (Guid?)m.Id).FirstOrDefault();
            if (rows.Count(r => r.VersionOrder >= low && r.VersionOrder <= high && r.Id != moverId) == shifted.Count)
            {
                await db.PackageVersions
                    .Where(v => v.ChannelName == channel && v.PackageName == package && v.VersionOrder >= low && v.VersionOrder <= high && v.Id != moverId)
                    .ExecuteUpdateAsync(s => s.SetProperty(v => v.VersionOrder, v => v.VersionOrder + step), ct);
                ordered = movers;
            }
        }

        foreach (var (id, _, position) in ordered)
        {
            await db.PackageVersions.Where(v => v.Id == id).ExecuteUpdateAsync(s => s.SetProperty(v => v.VersionOrder, position), ct);
        }
    }

    /// <summary>Unparseable versions sort below every real one.</summary>
    private sealed class NullsFirstComparer : IComparer<VersionOrder?>
    {
        public static readonly NullsFirstComparer Instance = new();

        public int Compare(VersionOrder? x, VersionOrder? y) =>
            x is null ? (y is null ? 0 : -1) : y is null ? 1 : x.CompareTo(y);
    }
}
