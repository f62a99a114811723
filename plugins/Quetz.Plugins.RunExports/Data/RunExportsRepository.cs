using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Quetz.Abstractions.Packages;

namespace Quetz.Plugins.RunExports.Data;

/// <summary>Reads and writes the stored run_exports of package files.</summary>
internal sealed class RunExportsRepository(RunExportsDbContext db)
{
    public Task<PackageRunExports?> FindAsync(string channel, string platform, string filename, CancellationToken cancellationToken) =>
        db.RunExports.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Channel == channel && r.Platform == platform && r.Filename == filename, cancellationToken);

    /// <summary>Every row of a subdir, by file name.</summary>
    public async Task<Dictionary<string, PackageRunExports>> ForSubdirAsync(string channel, string platform, CancellationToken cancellationToken)
    {
        var rows = await db.RunExports.AsNoTracking()
            .Where(r => r.Channel == channel && r.Platform == platform)
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Filename, StringComparer.Ordinal);
    }

    /// <summary>Stores <paramref name="runExports"/> for <paramref name="version"/>, replacing what an earlier file of that name left.</summary>
    public async Task SaveAsync(PackageVersionInfo version, JsonObject runExports, CancellationToken cancellationToken)
    {
        var data = runExports.ToJsonString();
        var row = await db.RunExports
            .FirstOrDefaultAsync(r => r.Channel == version.Channel && r.Platform == version.Platform && r.Filename == version.Filename, cancellationToken);
        if (row is null)
        {
            db.RunExports.Add(new PackageRunExports
            {
                Channel = version.Channel,
                Platform = version.Platform,
                Filename = version.Filename,
                PackageName = version.PackageName,
                Sha256 = version.Sha256,
                Data = data,
            });
        }
        else
        {
            row.PackageName = version.PackageName;
            row.Sha256 = version.Sha256;
            row.Data = data;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Removes <paramref name="row"/> unless a newer file of that name has replaced its data meanwhile.</summary>
    public async Task RemoveAsync(PackageRunExports row, CancellationToken cancellationToken) =>
        await db.RunExports
            .Where(r => r.Channel == row.Channel && r.Platform == row.Platform && r.Filename == row.Filename && r.Sha256 == row.Sha256)
            .ExecuteDeleteAsync(cancellationToken);
}
