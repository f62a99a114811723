using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Quetz.Abstractions.Storage;
using Quetz.Conda.Repodata.Shards;
using Quetz.Host.Config;
using Quetz.Host.Storage;

namespace Quetz.Host.Indexing;

/// <summary>
/// Publishes a subdir's sharded repodata (CEP-16) from the same records as its repodata.json: one content-addressed
/// shard per package name under <c>shards/</c>, then the index naming them. Incremental: only the names whose files
/// changed, or whose records transformers changed now or in the previous build, are written again. Shards are written
/// if-not-exists before the index, so no reader ever finds an index naming a missing shard; a superseded shard gets a
/// marker under <c>shards-retired/</c> and stays readable until <see cref="ShardCleanup"/> removes it after the grace period.
/// </summary>
internal sealed class ShardPublisher(IPackageStore store, IOptions<RepodataOptions> options, TimeProvider time)
{
    public const string ShardsFolder = "shards";
    public const string RetiredFolder = "shards-retired";

    public static string IndexPath(string subdir) => $"{subdir}/{ShardFiles.IndexFileName}";

    public async Task PublishAsync(string channel, string subdir, string channelMetadata, IndexSnapshot snapshot, IndexedRepodata? transformed, CancellationToken ct)
    {
        if (!ShardSwitch.IsOn(options.Value, channelMetadata))
        {
            // The withdrawn index's shards go the way of superseded ones: readable for the grace period, then removed.
            var withdrawn = snapshot.Shards ?? await ReadPublishedAsync(channel, subdir, ct);
            snapshot.Shards = null;
            if (await store.DeleteAsync(channel, IndexPath(subdir), ct))
            {
                await RetireAsync(channel, subdir, withdrawn, [], ct);
            }

            return;
        }

        var changedByName = (transformed?.ChangedFiles ?? []).ToLookup(IndexSnapshot.PackageNameOf, StringComparer.Ordinal);
        var touched = changedByName.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var removedByName = (transformed?.Removed ?? new SortedSet<string>()).ToLookup(IndexSnapshot.PackageNameOf, StringComparer.Ordinal);
        var previous = snapshot.Shards ?? await ReadPublishedAsync(channel, subdir, ct);
        IEnumerable<string> candidates = snapshot.Shards is null
            ? snapshot.FilesByName.Keys.Concat(previous.Keys)
            : snapshot.DirtyNames.Concat(snapshot.TransformedNames);
        var names = candidates.Concat(touched).Concat(removedByName.Select(g => g.Key)).ToHashSet(StringComparer.Ordinal);

        var known = snapshot.Shards is null ? null : snapshot.ShardInputs;
        var built = new ConcurrentDictionary<string, (byte[]? Hash, byte[] Input)>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(names, new ParallelOptions { CancellationToken = ct }, async (name, token) =>
        {
            built[name] = await WriteShardAsync(channel, subdir, name, snapshot, transformed, changedByName[name], removedByName[name], known, token);
        });

        var shards = new Dictionary<string, byte[]>(snapshot.Shards ?? previous, StringComparer.Ordinal);
        // Copies, so a failed publish leaves the snapshot describing what is published.
        var inputs = new Dictionary<string, byte[]>(known ?? [], StringComparer.Ordinal);
        foreach (var (name, (hash, input)) in built)
        {
            if (hash is null)
            {
                shards.Remove(name);
                inputs.Remove(name);
            }
            else
            {
                shards[name] = hash;
                inputs[name] = input;
            }
        }

        var index = ShardIndexWriter.Write(subdir, "./", $"./{ShardsFolder}/", time.GetUtcNow(), shards);
        await using (var content = new ReadOnlyMemory<byte>(index).AsStream())
        {
            await store.PutAsync(channel, IndexPath(subdir), content, WriteMode.Overwrite, ct);
        }

        await RetireAsync(channel, subdir, previous, shards, ct);
        snapshot.Shards = shards;
        snapshot.ShardInputs = inputs;
        snapshot.DirtyNames.Clear();
        snapshot.TransformedNames = touched;
    }

    /// <summary>
    /// Writes the shard of one name and returns its hash with a digest of what it was made from; the hash is null when
    /// the name has no records left. A name whose records are byte for byte those of its current shard (a patch applied
    /// again on every build) keeps that shard without compressing it again.
    /// </summary>
    private async Task<(byte[]? Hash, byte[] Input)> WriteShardAsync(string channel, string subdir, string name, IndexSnapshot snapshot,
        IndexedRepodata? transformed, IEnumerable<string> changedFiles, IEnumerable<string> removed, Dictionary<string, byte[]>? known, CancellationToken ct)
    {
        var files = new SortedSet<string>(snapshot.FilesByName.GetValueOrDefault(name) ?? [], StringComparer.Ordinal);
        files.UnionWith(changedFiles);
        List<KeyValuePair<string, ReadOnlyMemory<byte>>> packages = [];
        List<KeyValuePair<string, ReadOnlyMemory<byte>>> condaPackages = [];
        using var input = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            var found = transformed is not null
                ? transformed.TryGetSerialized(file, out var record)
                : (snapshot.CondaPackages.TryGetValue(file, out record) || snapshot.Packages.TryGetValue(file, out record));
            if (found)
            {
                (file.EndsWith(".conda", StringComparison.Ordinal) ? condaPackages : packages).Add(new(file, record));
                input.AppendData(Encoding.UTF8.GetBytes(file));
                input.AppendData(record.Span);
            }
        }

        var removedFiles = removed.Order(StringComparer.Ordinal).ToList();
        foreach (var file in removedFiles)
        {
            input.AppendData(Encoding.UTF8.GetBytes("removed:" + file));
        }

        var digest = input.GetHashAndReset();
        if (packages.Count == 0 && condaPackages.Count == 0 && removedFiles.Count == 0)
        {
            return (null, digest);
        }

        if (known is not null && known.TryGetValue(name, out var previous) && previous.AsSpan().SequenceEqual(digest)
            && snapshot.Shards!.TryGetValue(name, out var unchanged))
        {
            return (unchanged, digest);
        }

        var shard = ShardWriter.Write(packages, condaPackages, removedFiles);
        await using var content = new ReadOnlyMemory<byte>(shard.Content).AsStream();
        await store.PutAsync(channel, $"{subdir}/{ShardsFolder}/{shard.FileName}", content, WriteMode.IfNotExists, ct);
        return (shard.Sha256, digest);
    }

    /// <summary>The index this subdir published last, so a host without a snapshot can retire what it supersedes.</summary>
    private async Task<Dictionary<string, byte[]>> ReadPublishedAsync(string channel, string subdir, CancellationToken ct)
    {
        await using var stream = await store.OpenReadAsync(channel, IndexPath(subdir), ct);
        if (stream is null)
        {
            return new(StringComparer.Ordinal);
        }

        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        try
        {
            return new Dictionary<string, byte[]>(ShardIndexReader.Read(buffer.ToArray()).Shards, StringComparer.Ordinal);
        }
        catch (InvalidShardException)
        {
            return new(StringComparer.Ordinal);
        }
    }

    /// <summary>Marks the shards the new index no longer names, with the time they were superseded.</summary>
    private async Task RetireAsync(string channel, string subdir, Dictionary<string, byte[]> previous, Dictionary<string, byte[]> current, CancellationToken ct)
    {
        var live = current.Values.Select(Convert.ToHexStringLower).ToHashSet(StringComparer.Ordinal);
        foreach (var hash in previous.Values.Select(Convert.ToHexStringLower).Where(h => !live.Contains(h)).Distinct())
        {
            await using var marker = new MemoryStream();
            await store.PutAsync(channel, $"{subdir}/{RetiredFolder}/{hash}", marker, WriteMode.Overwrite, ct);
        }
    }
}
