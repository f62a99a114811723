using Microsoft.EntityFrameworkCore;
using Quetz.Host.Data;

namespace Quetz.Host.Indexing;

/// <summary>
/// Records that a subdir's package set changed: the subdir's generation goes up by one and the file is logged at
/// that generation. The row update serialises concurrent writers of one subdir.
/// </summary>
internal static class IndexChangeLog
{
    /// <summary>Creates the subdir's index row if it is missing; call it outside a transaction (a lost race is harmless).</summary>
    public static async Task EnsureAsync(QuetzDbContext db, string channel, string subdir, CancellationToken ct)
    {
        if (await db.SubdirIndexes.AnyAsync(i => i.ChannelName == channel && i.Subdir == subdir, ct))
        {
            return;
        }

        try
        {
            db.SubdirIndexes.Add(new SubdirIndex { ChannelName = channel, Subdir = subdir });
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another writer created it between our check and insert.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Bumps the generation (inside the caller's transaction) and logs <paramref name="filename"/> at it.</summary>
    public static async Task<long> RecordAsync(QuetzDbContext db, string channel, string subdir, string? filename, CancellationToken ct)
    {
        var rows = db.SubdirIndexes.Where(i => i.ChannelName == channel && i.Subdir == subdir);
        if (await rows.ExecuteUpdateAsync(s => s.SetProperty(i => i.Generation, i => i.Generation + 1), ct) == 0)
        {
            throw new InvalidOperationException($"no index row for {channel}/{subdir}: call EnsureAsync first");
        }

        var generation = await rows.Select(i => i.Generation).FirstAsync(ct);
        if (filename is not null)
        {
            db.IndexChanges.Add(new IndexChange { ChannelName = channel, Subdir = subdir, Generation = generation, Filename = filename });
            await db.SaveChangesAsync(ct);
        }

        return generation;
    }
}
