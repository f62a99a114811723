using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Quetz.Abstractions.Storage;
using Quetz.Conda.Repodata;
using Quetz.Host.Data;

namespace Quetz.Host.Indexing;

/// <summary>
/// Builds and publishes one channel subdir's <c>repodata.json</c> with its <c>.zst</c>, <c>.bz2</c> and <c>.gz</c> siblings
/// and its <c>index.html</c>. Incremental: it starts from this host's snapshot of the subdir and loads only the records
/// logged as changed since; only a host without a snapshot loads the whole subdir once.
/// </summary>
internal sealed class SubdirIndexer(
    QuetzDbContext db, IPackageStore store, IndexSnapshotCache cache, IndexLock locks, TimeProvider time, ILogger<SubdirIndexer> logger)
{
    /// <summary>zstd level for the published sibling: fast enough for the upload path on large subdirs.</summary>
    private const int ZstdLevel = 3;

    public async Task<bool> IndexAsync(string channel, string subdir, CancellationToken ct)
    {
        await using var held = await locks.AcquireAsync(channel, subdir, ct);
        var state = await db.SubdirIndexes.AsNoTracking().FirstOrDefaultAsync(i => i.ChannelName == channel && i.Subdir == subdir, ct);
        if (state is null || (state.PublishedGeneration >= state.Generation && await store.GetInfoAsync(channel, $"{subdir}/repodata.json", ct) is not null))
        {
            return false;
        }

        var snapshot = await UpdateSnapshotAsync(channel, subdir, state, ct);
        await PublishAsync(channel, subdir, snapshot, ct);
        await db.SubdirIndexes.Where(i => i.ChannelName == channel && i.Subdir == subdir && i.PublishedGeneration < snapshot.Generation)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.PublishedGeneration, snapshot.Generation), ct);
        cache.Set(channel, subdir, snapshot);
        logger.LogInformation("Indexed {Channel}/{Subdir} at generation {Generation}: {Count} packages",
            channel, subdir, snapshot.Generation, snapshot.Files.Count);
        return true;
    }

    private async Task<IndexSnapshot> UpdateSnapshotAsync(string channel, string subdir, SubdirIndex state, CancellationToken ct)
    {
        var snapshot = cache.Get(channel, subdir, state.Epoch, state.Generation);
        var versions = db.PackageVersions.AsNoTracking().Where(v => v.ChannelName == channel && v.Platform == subdir);
        if (snapshot is null)
        {
            snapshot = new IndexSnapshot(state.Epoch, state.Generation);
            await foreach (var version in versions.AsAsyncEnumerable().WithCancellation(ct))
            {
                snapshot.Put(Describe(version), Serialize(version));
            }

            return snapshot;
        }

        var changed = await db.IndexChanges
            .Where(c => c.ChannelName == channel && c.Subdir == subdir && c.Generation > snapshot.Generation && c.Generation <= state.Generation)
            .Select(c => c.Filename).Distinct().ToListAsync(ct);
        foreach (var filename in changed)
        {
            snapshot.Remove(filename);
        }

        await foreach (var version in versions.Where(v => changed.Contains(v.Filename)).AsAsyncEnumerable().WithCancellation(ct))
        {
            snapshot.Put(Describe(version), Serialize(version));
        }

        snapshot.Generation = state.Generation;
        return snapshot;
    }

    /// <summary>The repodata record: the stored index.json with size and hashes, plus <c>time_modified</c> in epoch seconds.</summary>
    private static ReadOnlyMemory<byte> Serialize(PackageVersion version)
    {
        var record = JsonNode.Parse(version.Info)!.AsObject();
        record["time_modified"] = new DateTimeOffset(version.TimeModified).ToUnixTimeSeconds();
        return RepodataWriter.SerializeRecord(RepodataRecord.FromJson(record));
    }

    private static IndexedFile Describe(PackageVersion version)
    {
        var info = JsonNode.Parse(version.Info)!.AsObject();
        return new IndexedFile(version.Filename, version.Size, version.TimeModified,
            info["sha256"]?.GetValue<string>() ?? "", info["md5"]?.GetValue<string>() ?? "");
    }

    /// <summary>
    /// repodata.json first, then its siblings: /get serves the .gz sibling only when it is not older than the JSON,
    /// so a gzip client never gets a stale index in the moment between the two writes.
    /// </summary>
    private async Task PublishAsync(string channel, string subdir, IndexSnapshot snapshot, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("quetz-index-");
        try
        {
            var json = Path.Combine(folder.FullName, "repodata.json");
            await using (var output = File.Create(json))
            {
                await RepodataWriter.WriteAsync(subdir, snapshot.Packages, snapshot.CondaPackages, [], null, output, ct);
            }

            await CompressAsync(json, json + ".zst", o => RepodataCompression.Zstd(o, ZstdLevel), ct);
            await CompressAsync(json, json + ".bz2", RepodataCompression.Bzip2, ct);
            await CompressAsync(json, json + ".gz", RepodataCompression.Gzip, ct);
            foreach (var name in new[] { "repodata.json", "repodata.json.gz", "repodata.json.zst", "repodata.json.bz2" })
            {
                await using var content = File.OpenRead(Path.Combine(folder.FullName, name));
                await store.PutAsync(channel, $"{subdir}/{name}", content, WriteMode.Overwrite, ct);
            }

            var page = IndexPages.Subdir(channel, subdir, snapshot.Files.Values, time.GetUtcNow());
            await using var html = new MemoryStream(page);
            await store.PutAsync(channel, $"{subdir}/index.html", html, WriteMode.Overwrite, ct);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task CompressAsync(string source, string target, Func<Stream, Stream> compressor, CancellationToken ct)
    {
        await using var input = File.OpenRead(source);
        await using var output = File.Create(target);
        await using var compressed = compressor(output);
        await input.CopyToAsync(compressed, ct);
    }
}
