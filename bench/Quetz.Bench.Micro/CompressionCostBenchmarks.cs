using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Quetz.Conda.Repodata;
using Quetz.Conda.Repodata.Shards;

namespace Quetz.Bench.Micro;

/// <summary>
/// The cost of compression on the indexer's hot path for a 100k-record subdir: repodata.json.zst at the level the
/// indexer uses (3) against conda-index's 19, and writing the CEP-16 shards of the whole subdir (a full rebuild)
/// against one name's shard plus the index (an incremental publish). A few slow operations each, hence Monitoring.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class CompressionCostBenchmarks
{
    private byte[] _json = [];
    private List<List<KeyValuePair<string, ReadOnlyMemory<byte>>>> _byName = [];
    private KeyValuePair<string, byte[]>[] _hashes = [];

    [Params(100_000)]
    public int Records { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _byName = SyntheticRecords.ByName(Records);
        var packages = new SortedDictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        foreach (var (file, record) in _byName.SelectMany(n => n))
        {
            packages[file] = record;
        }

        using var json = new MemoryStream();
        RepodataWriter.WriteAsync("linux-64", packages, new SortedDictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal), [], null, json,
            CancellationToken.None).GetAwaiter().GetResult();
        _json = json.ToArray();
        _hashes = [.. _byName.Select(n => new KeyValuePair<string, byte[]>(NameOf(n), ShardWriter.Write(n, [], []).Sha256))];
        Console.WriteLine($"// {Records} records, {_byName.Count} names, repodata.json {_json.Length} bytes; "
            + $"zstd 3: {ZstdLength(3)} bytes, zstd 19: {ZstdLength(19)} bytes, all shards: {WriteAll()} bytes");
    }

    [Benchmark(Description = "repodata.json.zst, zstd 3 (indexer)")]
    public long Zstd3() => ZstdLength(3);

    [Benchmark(Description = "repodata.json.zst, zstd 19")]
    public long Zstd19() => ZstdLength(19);

    [Benchmark(Description = "shards: full rebuild (all names + index)")]
    public long WriteAll()
    {
        // In parallel over names, as the server's publisher writes them.
        var hashes = new KeyValuePair<string, byte[]>[_byName.Count];
        long bytes = 0;
        Parallel.For(0, _byName.Count, i =>
        {
            var shard = ShardWriter.Write(_byName[i], [], []);
            hashes[i] = new(NameOf(_byName[i]), shard.Sha256);
            Interlocked.Add(ref bytes, shard.Content.Length);
        });
        return bytes + ShardIndexWriter.Write("linux-64", "./", "./shards/", DateTimeOffset.UnixEpoch, hashes).Length;
    }

    [Benchmark(Description = "shards: one name + index (incremental)")]
    public long WriteOne()
    {
        var i = _byName.Count / 2;
        var shard = ShardWriter.Write(_byName[i], [], []);
        var hashes = (KeyValuePair<string, byte[]>[])_hashes.Clone();
        hashes[i] = new(hashes[i].Key, shard.Sha256);
        return shard.Content.Length + ShardIndexWriter.Write("linux-64", "./", "./shards/", DateTimeOffset.UnixEpoch, hashes).Length;
    }

    private long ZstdLength(int level)
    {
        var output = new CountingStream();
        using (var zstd = RepodataCompression.Zstd(output, level))
        {
            zstd.Write(_json);
        }

        return output.Length;
    }

    private static string NameOf(List<KeyValuePair<string, ReadOnlyMemory<byte>>> files) => files[0].Key[..files[0].Key.IndexOf('-', StringComparison.Ordinal)];
}
