using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Quetz.Abstractions.Indexing;
using Quetz.Abstractions.Storage;
using Quetz.Conda.Repodata;
using Quetz.Host.Data;
using Quetz.Host.Storage;

namespace Quetz.Host.Indexing;

/// <summary>
/// Builds and publishes one channel subdir's sharded repodata, then its <c>repodata.json</c> with the <c>.zst</c> and
/// <c>.gz</c> siblings (the <c>.bz2</c> and <c>index.html</c> follow in <see cref="SubdirExtrasPublisher"/>). Incremental: it
/// starts from this host's snapshot of the subdir and loads only the records logged as changed since; only a host
/// without a snapshot loads the whole subdir once.
/// </summary>
internal sealed class SubdirIndexer(
    QuetzDbContext db, IPackageStore store, IndexSnapshotCache cache, IndexLock locks, IEnumerable<IRepodataTransformer> transformers,
    ShardPublisher shards, ILogger<SubdirIndexer> logger)
{
    private readonly IRepodataTransformer[] _recordTransformers = [.. transformers.Where(t => t.ChangesRecords).OrderBy(t => t.Order)];

    /// <summary>zstd level for the published sibling: fast enough for the upload path on large subdirs.</summary>
    private const int ZstdLevel = 3;

    private const int MaxIncrementalChanges = 5000;

    public async Task<bool> IndexAsync(string channel, string subdir, CancellationToken ct)
    {
        await using var held = await locks.AcquireAsync(channel, subdir, ct);
        var state = await db.SubdirIndexes.AsNoTracking().FirstOrDefaultAsync(i => i.ChannelName == channel && i.Subdir == subdir, ct);
        if (state is null || (state.PublishedGeneration >= state.Generation && await store.GetInfoAsync(channel, $"{subdir}/repodata.json", ct) is not null))
        {
            return false;
        }

        var snapshot = await UpdateSnapshotAsync(channel, subdir, state, ct);
        var transformed = await TransformAsync(channel, subdir, snapshot, ct);
        var metadata = await db.Channels.Where(c => c.Name == channel).Select(c => c.Metadata).FirstOrDefaultAsync(ct) ?? "{}";

        // Shards first: 2026's clients read them before repodata.json, and one name's shard with the index takes
        // milliseconds where repodata.json is the whole subdir (seconds at a million records). Both come from the same
        // transformed records, so once repodata.json shows a file its shard does too.
        await shards.PublishAsync(channel, subdir, metadata, snapshot, transformed, ct);
        await PublishJsonAsync(channel, subdir, snapshot, transformed, ct);

        // Last, off the path to visibility: a transformer withdraws its files on every build that lacks their inputs.
        await Task.WhenAll((transformed?.WithdrawnFiles ?? []).Select(name => store.DeleteAsync(channel, $"{subdir}/{name}", ct)));
        await db.SubdirIndexes.Where(i => i.ChannelName == channel && i.Subdir == subdir && i.PublishedGeneration < snapshot.Generation)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.PublishedGeneration, snapshot.Generation), ct);
        cache.Set(channel, subdir, snapshot);
        logger.LogInformation("Indexed {Channel}/{Subdir} at generation {Generation}: {Count} packages",
            channel, subdir, snapshot.Generation, snapshot.Packages.Count + snapshot.CondaPackages.Count);
        return true;
    }

    private async Task<IndexSnapshot> UpdateSnapshotAsync(string channel, string subdir, SubdirIndex state, CancellationToken ct)
    {
        var snapshot = cache.Get(channel, subdir, state.Epoch, state.Generation);
        var versions = db.PackageVersions.AsNoTracking().Where(v => v.ChannelName == channel && v.Platform == subdir);
        List<string> changed = [];
        if (snapshot is not null)
        {
            changed = await db.IndexChanges
                .Where(c => c.ChannelName == channel && c.Subdir == subdir && c.Generation > snapshot.Generation && c.Generation <= state.Generation)
                .Select(c => c.Filename).Distinct().ToListAsync(ct);
        }

        // Past a few thousand changes (a bulk import) a full load is cheaper than the change list, and the list
        // would outgrow the number of parameters a statement may carry.
        if (snapshot is null || changed.Count > MaxIncrementalChanges)
        {
            snapshot = new IndexSnapshot(state.Epoch, state.Generation);
            await foreach (var version in versions.AsAsyncEnumerable().WithCancellation(ct))
            {
                snapshot.Put(version.Filename, Serialize(version));
            }

            return snapshot;
        }

        foreach (var filename in changed)
        {
            snapshot.Remove(filename);
        }

        await foreach (var version in versions.Where(v => changed.Contains(v.Filename)).AsAsyncEnumerable().WithCancellation(ct))
        {
            snapshot.Put(version.Filename, Serialize(version));
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

    /// <summary>The records as the record-changing transformers leave them, or null when there are none.</summary>
    private async Task<IndexedRepodata?> TransformAsync(string channel, string subdir, IndexSnapshot snapshot, CancellationToken ct)
    {
        if (_recordTransformers.Length == 0)
        {
            return null;
        }

        var repodata = new IndexedRepodata(channel, subdir, snapshot.Packages, snapshot.CondaPackages, [], null);
        await repodata.TransformAsync(_recordTransformers, ct);
        return repodata;
    }

    /// <summary>
    /// The files of transformers that change records first (they describe the records about to appear), then
    /// repodata.json, then its <c>.gz</c> and <c>.zst</c> siblings, compressed in parallel at fast levels: this is the
    /// path between an upload and its visibility to clients without shards. /get serves the .gz sibling only when it is
    /// not older than the JSON, so a gzip client never gets a stale index in between. The slow <c>.bz2</c> and the
    /// index page follow in <see cref="SubdirExtrasPublisher"/>, off this path.
    /// </summary>
    private async Task PublishJsonAsync(string channel, string subdir, IndexSnapshot snapshot, IndexedRepodata? transformed, CancellationToken ct)
    {
        var json = new MemoryStream();
        if (transformed is null)
        {
            await RepodataWriter.WriteAsync(subdir, snapshot.Packages, snapshot.CondaPackages, [], null, json, ct);
        }
        else
        {
            foreach (var (name, content) in transformed.Files)
            {
                await PutAsync(channel, $"{subdir}/{name}", content, ct);
            }

            await transformed.WriteJsonAsync(json, ct);
        }

        var bytes = new ArraySegment<byte>(json.GetBuffer(), 0, (int)json.Length);
        await PutAsync(channel, $"{subdir}/repodata.json", bytes, ct);
        var siblings = await Task.WhenAll(
            Task.Run(() => Compress(bytes, o => RepodataCompression.Gzip(o, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)), ct),
            Task.Run(() => Compress(bytes, o => RepodataCompression.Zstd(o, ZstdLevel)), ct));
        await PutAsync(channel, $"{subdir}/repodata.json.gz", siblings[0], ct);
        await PutAsync(channel, $"{subdir}/repodata.json.zst", siblings[1], ct);
    }

    private async Task PutAsync(string channel, string path, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        await using var stream = content.AsStream();
        await store.PutAsync(channel, path, stream, WriteMode.Overwrite, ct);
    }

    private static ArraySegment<byte> Compress(ArraySegment<byte> content, Func<Stream, Stream> compressor)
    {
        var output = new MemoryStream();
        using (var compressed = compressor(output))
        {
            compressed.Write(content);
        }

        return new ArraySegment<byte>(output.GetBuffer(), 0, (int)output.Length);
    }
}
