using System.Buffers;
using Quetz.Conda.Repodata.Shards;

namespace Quetz.Conda.Tests.Shards;

/// <summary>Broken and hostile shard files fail with <see cref="InvalidShardException"/>, quickly and without large allocations.</summary>
public class ShardRejectionTests
{
    [Fact]
    public void Empty_and_non_zstd_input_is_refused()
    {
        Assert.Contains("empty", Assert.Throws<InvalidShardException>(() => ShardReader.Read([])).Message, StringComparison.Ordinal);
        Assert.Contains("zstd", Assert.Throws<InvalidShardException>(() => ShardReader.Read("{\"packages\":{}}"u8)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_zstd_is_refused()
    {
        byte[] file = ShardSamples.Write().Content;

        for (int cut = 1; cut < file.Length; cut += Math.Max(1, file.Length / 50))
        {
            Assert.Throws<InvalidShardException>(() => ShardReader.Read(file.AsSpan(0, file.Length - cut)));
        }
    }

    [Fact]
    public void Truncated_msgpack_is_refused()
    {
        byte[] msgpack = ShardCompression.Decompress(ShardSamples.Write().Content, 1 << 20);

        for (int length = 0; length < msgpack.Length; length += 7)
        {
            byte[] file = ShardCompression.Compress(msgpack.AsSpan(0, length), 1);
            Assert.Throws<InvalidShardException>(() => ShardReader.Read(file));
        }
    }

    [Fact]
    public void Trailing_bytes_are_refused()
    {
        byte[] msgpack = [.. ShardCompression.Decompress(ShardWriter.Write([], [], []).Content, 1024), 0xc0];

        InvalidShardException error = Assert.Throws<InvalidShardException>(() => ShardReader.Read(ShardCompression.Compress(msgpack, 1)));
        Assert.Contains("after the top-level map", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_the_decompression_limit_is_refused()
    {
        Shard shard = ShardSamples.Write();

        InvalidShardException error = Assert.Throws<InvalidShardException>(() => ShardReader.Read(shard.Content, maxDecompressedBytes: 100));
        Assert.Contains("more than 100 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shard_must_have_packages()
    {
        byte[] file = Shard(w => Map(w, 1, "removed", () => MessagePackWriter.WriteArrayHeader(w, 0)));

        Assert.Contains("packages is missing", Assert.Throws<InvalidShardException>(() => ShardReader.Read(file)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shard_without_packages_conda_and_removed_reads_them_as_empty_and_skips_unknown_keys()
    {
        byte[] file = Shard(w =>
        {
            MessagePackWriter.WriteMapHeader(w, 2);
            ShardSamples.Key(w, "future");
            MessagePackWriter.WriteArrayHeader(w, 2);
            MessagePackWriter.WriteBinary(w, [1, 2]);
            MessagePackWriter.WriteMapHeader(w, 1);
            MessagePackWriter.WriteInt64(w, 1);
            MessagePackWriter.WriteNil(w);
            ShardSamples.Key(w, "packages");
            MessagePackWriter.WriteMapHeader(w, 0);
        });

        ShardContent content = ShardReader.Read(file);

        Assert.Empty(content.Packages);
        Assert.Empty(content.CondaPackages);
        Assert.Empty(content.Removed);
    }

    [Fact]
    public void Hex_checksums_are_refused_as_bugs()
    {
        byte[] file = Shard(w => OneRecord(w, "md5", () => ShardSamples.Key(w, ShardSamples.Md5)));

        InvalidShardException error = Assert.Throws<InvalidShardException>(() => ShardReader.Read(file));
        Assert.Contains("packages['x-1-0.tar.bz2'].md5 must be 16 bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("md5", 15)]
    [InlineData("md5", 32)]
    [InlineData("sha256", 16)]
    [InlineData("sha256", 33)]
    public void Checksums_of_the_wrong_length_are_refused(string key, int length)
    {
        byte[] file = Shard(w => OneRecord(w, key, () => MessagePackWriter.WriteBinary(w, new byte[length])));

        Assert.Contains($"not {length}", Assert.Throws<InvalidShardException>(() => ShardReader.Read(file)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_JSON_cannot_hold_are_refused()
    {
        Assert.Throws<InvalidShardException>(() => ShardReader.Read(Shard(w => OneRecord(w, "blob", () => MessagePackWriter.WriteBinary(w, [1])))));
        Assert.Throws<InvalidShardException>(() => ShardReader.Read(Shard(w => OneRecord(w, "nan", () => MessagePackWriter.WriteDouble(w, double.NaN)))));
        Assert.Throws<InvalidShardException>(() => ShardReader.Read(Shard(w => OneRecord(w, "ext", () => Raw(w, 0xd4, 1, 2)))));
        Assert.Throws<InvalidShardException>(() => ShardReader.Read(Shard(w => OneRecord(w, "map", () =>
        {
            MessagePackWriter.WriteMapHeader(w, 1);
            MessagePackWriter.WriteInt64(w, 1);
            MessagePackWriter.WriteNil(w);
        }))));
        Assert.Throws<InvalidShardException>(() => ShardReader.Read(Shard(w => OneRecord(w, "bad", () => Raw(w, 0xc1)))));
        Assert.Throws<InvalidShardException>(() => ShardReader.Read(Shard(w => OneRecord(w, "utf8", () => Raw(w, 0xa2, 0xc3, 0x28)))));
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        byte[] file = Shard(w => OneRecord(w, "deep", () =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                MessagePackWriter.WriteArrayHeader(w, 1);
            }

            MessagePackWriter.WriteNil(w);
        }));

        Assert.Contains("nests deeper", Assert.Throws<InvalidShardException>(() => ShardReader.Read(file)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_keys_are_refused()
    {
        byte[] file = Shard(w =>
        {
            MessagePackWriter.WriteMapHeader(w, 2);
            ShardSamples.Key(w, "packages");
            MessagePackWriter.WriteMapHeader(w, 0);
            ShardSamples.Key(w, "packages");
            MessagePackWriter.WriteMapHeader(w, 0);
        });

        Assert.Contains("twice", Assert.Throws<InvalidShardException>(() => ShardReader.Read(file)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("huge", 0xdb)]
    [InlineData("md5", 0xc6)]
    [InlineData("huge", 0xdd)]
    [InlineData("huge", 0xdf)]
    public void Lengths_beyond_the_input_are_refused_before_allocating(string key, byte code)
    {
        // A string, bytes, array or map that claims 4 GiB - 1 in a file of a few bytes.
        byte[] file = Shard(w => OneRecord(w, key, () => Raw(w, code, 0xff, 0xff, 0xff, 0xff, 0x00)));

        long before = GC.GetAllocatedBytesForCurrentThread();
        InvalidShardException error = Assert.Throws<InvalidShardException>(() => ShardReader.Read(file));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("declared", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 1 << 20, $"{allocated} bytes allocated");
    }

    [Fact]
    public void The_top_level_must_be_a_map()
    {
        Assert.Contains("must be a map", Assert.Throws<InvalidShardException>(() => ShardReader.Read(Shard(w => MessagePackWriter.WriteArrayHeader(w, 0)))).Message, StringComparison.Ordinal);
        Assert.Contains("must be a map", Assert.Throws<InvalidShardException>(() => ShardIndexReader.Read(Shard(w => MessagePackWriter.WriteNil(w)))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Removed_must_be_a_list_of_strings()
    {
        byte[] file = Shard(w =>
        {
            MessagePackWriter.WriteMapHeader(w, 2);
            ShardSamples.Key(w, "packages");
            MessagePackWriter.WriteMapHeader(w, 0);
            ShardSamples.Key(w, "removed");
            MessagePackWriter.WriteArrayHeader(w, 1);
            MessagePackWriter.WriteInt64(w, 5);
        });

        Assert.Contains("removed[0] must be a string", Assert.Throws<InvalidShardException>(() => ShardReader.Read(file)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Index_hashes_must_be_32_bytes()
    {
        byte[] file = Index(info: true, version: 1, hash: new byte[31]);

        Assert.Contains("shards['zlib'] must be 32 bytes, not 31", Assert.Throws<InvalidShardException>(() => ShardIndexReader.Read(file)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Index_hashes_must_be_bytes()
    {
        byte[] file = ShardSamples.Compressed(w =>
        {
            MessagePackWriter.WriteMapHeader(w, 2);
            WriteInfo(w, "subdir", "base_url", "shards_base_url");
            ShardSamples.Key(w, "shards");
            MessagePackWriter.WriteMapHeader(w, 1);
            ShardSamples.Key(w, "zlib");
            ShardSamples.Key(w, new string('a', 64));
        });

        Assert.Throws<InvalidShardException>(() => ShardIndexReader.Read(file));
    }

    [Theory]
    [InlineData("subdir")]
    [InlineData("base_url")]
    [InlineData("shards_base_url")]
    public void Index_info_keys_rattler_requires_are_required(string missing)
    {
        string[] keys = new[] { "subdir", "base_url", "shards_base_url" }.Where(k => k != missing).ToArray();
        byte[] file = ShardSamples.Compressed(w =>
        {
            MessagePackWriter.WriteMapHeader(w, 2);
            WriteInfo(w, keys);
            ShardSamples.Key(w, "shards");
            MessagePackWriter.WriteMapHeader(w, 0);
        });

        Assert.Contains($"info.{missing} is missing", Assert.Throws<InvalidShardException>(() => ShardIndexReader.Read(file)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Index_needs_info_and_shards_and_version_1()
    {
        Assert.Contains("info is missing", Assert.Throws<InvalidShardException>(() => ShardIndexReader.Read(Index(info: false, version: 1, hash: new byte[32]))).Message, StringComparison.Ordinal);
        Assert.Contains("version must be 1", Assert.Throws<InvalidShardException>(() => ShardIndexReader.Read(Index(info: true, version: 2, hash: new byte[32]))).Message, StringComparison.Ordinal);
        byte[] noShards = ShardSamples.Compressed(w =>
        {
            MessagePackWriter.WriteMapHeader(w, 1);
            WriteInfo(w, "subdir", "base_url", "shards_base_url");
        });
        Assert.Contains("shards is missing", Assert.Throws<InvalidShardException>(() => ShardIndexReader.Read(noShards)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-07-22T10:11:12")]
    [InlineData("2024-07-22")]
    [InlineData("yesterday")]
    [InlineData("2024-13-22T10:11:12Z")]
    public void Created_at_must_be_RFC3339(string text)
    {
        byte[] file = ShardSamples.Compressed(w =>
        {
            MessagePackWriter.WriteMapHeader(w, 2);
            ShardSamples.Key(w, "info");
            MessagePackWriter.WriteMapHeader(w, 4);
            foreach (string key in new[] { "subdir", "base_url", "shards_base_url" })
            {
                ShardSamples.Key(w, key);
                ShardSamples.Key(w, "x");
            }

            ShardSamples.Key(w, "created_at");
            ShardSamples.Key(w, text);
            ShardSamples.Key(w, "shards");
            MessagePackWriter.WriteMapHeader(w, 0);
        });

        Assert.Contains("RFC 3339", Assert.Throws<InvalidShardException>(() => ShardIndexReader.Read(file)).Message, StringComparison.Ordinal);
    }

    private static byte[] Shard(Action<ArrayBufferWriter<byte>> write) => ShardSamples.Compressed(write);

    private static void Map(ArrayBufferWriter<byte> w, int count, string key, Action value)
    {
        MessagePackWriter.WriteMapHeader(w, count);
        ShardSamples.Key(w, key);
        value();
    }

    // {"packages": {"x-1-0.tar.bz2": {"name": "x", key: value}}}
    private static void OneRecord(ArrayBufferWriter<byte> w, string key, Action value)
    {
        MessagePackWriter.WriteMapHeader(w, 1);
        ShardSamples.Key(w, "packages");
        MessagePackWriter.WriteMapHeader(w, 1);
        ShardSamples.Key(w, "x-1-0.tar.bz2");
        MessagePackWriter.WriteMapHeader(w, 2);
        ShardSamples.Key(w, "name");
        ShardSamples.Key(w, "x");
        ShardSamples.Key(w, key);
        value();
    }

    private static void Raw(ArrayBufferWriter<byte> w, params byte[] bytes)
    {
        bytes.CopyTo(w.GetSpan(bytes.Length));
        w.Advance(bytes.Length);
    }

    private static void WriteInfo(ArrayBufferWriter<byte> w, params string[] keys)
    {
        ShardSamples.Key(w, "info");
        MessagePackWriter.WriteMapHeader(w, keys.Length);
        foreach (string key in keys)
        {
            ShardSamples.Key(w, key);
            ShardSamples.Key(w, "./");
        }
    }

    private static byte[] Index(bool info, int version, byte[] hash) => ShardSamples.Compressed(w =>
    {
        MessagePackWriter.WriteMapHeader(w, info ? 3 : 2);
        ShardSamples.Key(w, "version");
        MessagePackWriter.WriteInt64(w, version);
        if (info)
        {
            WriteInfo(w, "subdir", "base_url", "shards_base_url");
        }

        ShardSamples.Key(w, "shards");
        MessagePackWriter.WriteMapHeader(w, 1);
        ShardSamples.Key(w, "zlib");
        MessagePackWriter.WriteBinary(w, hash);
    });
}
