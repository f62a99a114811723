using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Quetz.Conda;
using Quetz.Conda.Archives;
using Quetz.Conda.Repodata;
using Quetz.Conda.Repodata.Shards;

namespace Quetz.Bench.Micro;

/// <summary>
/// BenchmarkDotNet over the code paths the server's hot routes lean on. Run with
/// <c>dotnet run -c Release -- --filter '*'</c> (add <c>--job short</c> for a quick pass).
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

/// <summary>VersionOrder: parse and compare, as the version ordering of every upload does.</summary>
[MemoryDiagnoser]
public class VersionOrderBenchmarks
{
    private static readonly string[] Versions =
    [
        "1.0", "1.0.1", "1.0.1a1", "1.0.1.post2", "2.3.4rc1", "1!0.5", "0.4.1.dev0", "1.2.3+local.5", "10.0.19041", "2024.1.15",
        "1.11.0", "1.1.0_1", "3.11.2", "0.0.0", "4.5.6b2", "1.0.0-rc.1", "7", "1.2.3.4.5.6", "2.0.0.dev20240101", "1.0a",
    ];

    private VersionOrder[] _parsed = [];

    [GlobalSetup]
    public void Setup() => _parsed = Versions.Select(VersionOrder.Parse).ToArray();

    [Benchmark(Description = "VersionOrder.Parse x20")]
    public int Parse()
    {
        var n = 0;
        foreach (var v in Versions)
        {
            n += VersionOrder.Parse(v).GetHashCode() & 1;
        }

        return n;
    }

    [Benchmark(Description = "VersionOrder.CompareTo x400")]
    public int Compare()
    {
        var n = 0;
        foreach (var a in _parsed)
        {
            foreach (var b in _parsed)
            {
                n += a.CompareTo(b);
            }
        }

        return n;
    }

    [Benchmark(Description = "Sort 20 versions")]
    public VersionOrder[] Sort()
    {
        var copy = (VersionOrder[])_parsed.Clone();
        Array.Sort(copy);
        return copy;
    }
}

/// <summary>RepodataWriter.WriteAsync from pre-serialised records, as the incremental indexer publishes a subdir.</summary>
[MemoryDiagnoser]
public class RepodataWriterBenchmarks
{
    private SortedDictionary<string, ReadOnlyMemory<byte>> _packages = [];
    private SortedDictionary<string, ReadOnlyMemory<byte>> _conda = [];

    [Params(100_000)]
    public int Records { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _packages = new SortedDictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        _conda = new SortedDictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        for (var i = 0; i < Records; i++)
        {
            var name = $"pkg{i % 1000}";
            var version = $"1.{i / 1000}.0";
            var json = JsonNode.Parse($$"""
                {"arch":"x86_64","build":"h{{i:x8}}_0","build_number":0,"depends":["libgcc-ng >=12","python >=3.11,<3.12.0a0"],
                 "license":"BSD-3-Clause","md5":"{{new string('a', 32)}}","name":"{{name}}","platform":"linux",
                 "sha256":"{{new string('b', 64)}}","size":{{1000 + i}},"subdir":"linux-64","timestamp":1700000000000,
                 "version":"{{version}}","time_modified":1700000000}
                """)!.AsObject();
            var record = RepodataWriter.SerializeRecord(RepodataRecord.FromJson(json));
            var file = $"{name}-{version}-h{i:x8}_0";
            if (i % 2 == 0)
            {
                _packages[file + ".tar.bz2"] = record;
            }
            else
            {
                _conda[file + ".conda"] = record;
            }
        }
    }

    [Benchmark(Description = "RepodataWriter.WriteAsync 100k pre-serialised")]
    public async Task<long> Write()
    {
        var output = new CountingStream();
        await RepodataWriter.WriteAsync("linux-64", _packages, _conda, [], null, output, CancellationToken.None);
        return output.Length;
    }
}

/// <summary>ShardWriter and ShardIndexWriter over a whole subdir, as publishing CEP-16 sharded repodata does.</summary>
[MemoryDiagnoser]
public class ShardWriterBenchmarks
{
    private List<KeyValuePair<string, ReadOnlyMemory<byte>>>[] _shards = [];

    [Params(20_000)]
    public int Records { get; set; }

    [Params(ShardFiles.DefaultZstdLevel, 9)]
    public int Level { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Checksums are what shards mostly hold, and random ones do not compress, as in a real channel.
        var random = new Random(42);
        var byName = new Dictionary<string, List<KeyValuePair<string, ReadOnlyMemory<byte>>>>();
        for (var i = 0; i < Records; i++)
        {
            var name = $"pkg{i % 1000}";
            var version = $"1.{i / 1000}.0";
            var json = JsonNode.Parse($$"""
                {"arch":"x86_64","build":"py311h{{i:x8}}_0","build_number":0,"depends":["libgcc-ng >=12","python >=3.11,<3.12.0a0"],
                 "license":"BSD-3-Clause","md5":"{{Hex(random, 16)}}","name":"{{name}}","platform":"linux",
                 "sha256":"{{Hex(random, 32)}}","size":{{1000 + i}},"subdir":"linux-64","timestamp":1700000000000,"version":"{{version}}"}
                """)!.AsObject();
            if (!byName.TryGetValue(name, out var records))
            {
                byName[name] = records = [];
            }

            records.Add(new($"{name}-{version}-py311h{i:x8}_0.conda", RepodataWriter.SerializeRecord(RepodataRecord.FromJson(json))));
        }

        _shards = [.. byName.Values];
    }

    [Benchmark(Description = "ShardWriter + ShardIndexWriter, 1000 names")]
    public int WriteSubdir()
    {
        var hashes = new List<KeyValuePair<string, byte[]>>(_shards.Length);
        var bytes = 0;
        for (var i = 0; i < _shards.Length; i++)
        {
            var shard = ShardWriter.Write([], _shards[i], [], Level);
            hashes.Add(new($"pkg{i}", shard.Sha256));
            bytes += shard.Content.Length;
        }

        return bytes + ShardIndexWriter.Write("linux-64", "./", "./shards/", DateTimeOffset.UnixEpoch, hashes, Level).Length;
    }

    private static string Hex(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}

/// <summary>PackageReader.ReadAsync on a small .tar.bz2 and .conda, as every upload does.</summary>
[MemoryDiagnoser]
public class PackageReaderBenchmarks
{
    private byte[] _tarBz2 = [];
    private byte[] _conda = [];

    [GlobalSetup]
    public void Setup()
    {
        var index = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["arch"] = "x86_64", ["build"] = "0", ["build_number"] = 0, ["depends"] = new[] { "python >=3.8" }, ["license"] = "BSD",
            ["name"] = "tiny", ["platform"] = "linux", ["subdir"] = "linux-64", ["timestamp"] = 1599839787252L, ["version"] = "1.0",
        });
        ArchiveEntry[] entries =
        [
            ArchiveEntry.Text("info/index.json", index),
            ArchiveEntry.Text("info/about.json", """{"home": "https://example.org/tiny", "license": "BSD", "summary": "tiny"}"""),
            ArchiveEntry.Text("info/files", "share/tiny/payload.txt\n"),
            ArchiveEntry.Text("share/tiny/payload.txt", string.Concat(Enumerable.Repeat("hello world ", 1000))),
        ];
        using var tar = new MemoryStream();
        PackageWriter.WriteTarBz2Async(tar, entries, CancellationToken.None).GetAwaiter().GetResult();
        _tarBz2 = tar.ToArray();
        using var conda = new MemoryStream();
        PackageWriter.WriteCondaAsync(conda, "tiny-1.0-0", entries, CancellationToken.None).GetAwaiter().GetResult();
        _conda = conda.ToArray();
    }

    [Benchmark(Description = "PackageReader.ReadAsync small .tar.bz2")]
    public Task<PackageMetadata> ReadTarBz2() =>
        PackageReader.ReadAsync(new MemoryStream(_tarBz2, false), PackageFormat.TarBz2, ArchiveLimits.Default, CancellationToken.None);

    [Benchmark(Description = "PackageReader.ReadAsync small .conda")]
    public Task<PackageMetadata> ReadConda() =>
        PackageReader.ReadAsync(new MemoryStream(_conda, false), PackageFormat.Conda, ArchiveLimits.Default, CancellationToken.None);
}

/// <summary>A write-only sink that counts bytes (no copy), so the benchmark measures the writer.</summary>
internal sealed class CountingStream : Stream
{
    private long _length;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => _length += count;
    public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _length += buffer.Length;
        return ValueTask.CompletedTask;
    }
}
