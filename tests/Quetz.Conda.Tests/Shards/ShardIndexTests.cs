using Quetz.Conda.Repodata.Shards;

namespace Quetz.Conda.Tests.Shards;

public class ShardIndexTests
{
    private static readonly DateTimeOffset CreatedAt = new(2024, 7, 22, 12, 11, 12, TimeSpan.FromHours(2));

    private static KeyValuePair<string, byte[]>[] Hashes() =>
    [
        new("rich", Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()),
        new("numpy", Enumerable.Repeat((byte)0xab, 32).ToArray()),
        new("\u00fcnicode", new byte[32]),
        new("_libgcc_mutex", Enumerable.Repeat((byte)0xff, 32).ToArray()),
    ];

    [Fact]
    public void The_index_reads_back()
    {
        byte[] file = ShardIndexWriter.Write("linux-64", "./", "./shards/", CreatedAt, Hashes());

        ShardIndex index = ShardIndexReader.Read(file);

        Assert.Equal(1, index.Version);
        Assert.Equal("linux-64", index.Subdir);
        Assert.Equal("./", index.BaseUrl);
        Assert.Equal("./shards/", index.ShardsBaseUrl);
        Assert.Equal(CreatedAt, index.CreatedAt);
        Assert.Equal(TimeSpan.Zero, index.CreatedAt!.Value.Offset);
        Assert.Equal(Hashes().Length, index.Shards.Count);
        foreach ((string name, byte[] hash) in Hashes())
        {
            Assert.Equal(hash, index.Shards[name]);
        }
    }

    [Fact]
    public void Created_at_is_optional()
    {
        ShardIndex index = ShardIndexReader.Read(ShardIndexWriter.Write("noarch", "https://example.com/c/noarch/", "https://cdn.example.com/s/", null, []));

        Assert.Null(index.CreatedAt);
        Assert.Empty(index.Shards);
        Assert.Equal("https://cdn.example.com/s/", index.ShardsBaseUrl);
    }

    [Theory]
    [InlineData(0L, "2024-07-22T10:11:12Z")]
    [InlineData(5_000_000L, "2024-07-22T10:11:12.5Z")]
    [InlineData(1L, "2024-07-22T10:11:12.0000001Z")]
    public void Created_at_is_RFC3339_in_UTC(long extraTicks, string expected)
    {
        Assert.Equal(expected, ShardIndexWriter.FormatTimestamp(CreatedAt.AddTicks(extraTicks)));
    }

    [Fact]
    public void Equal_input_gives_equal_bytes_whatever_its_order()
    {
        byte[] first = ShardIndexWriter.Write("linux-64", "./", "./shards/", CreatedAt, Hashes());
        byte[] reversed = ShardIndexWriter.Write("linux-64", "./", "./shards/", CreatedAt, Hashes().Reverse());

        Assert.Equal(first, reversed);
    }

    [Fact]
    public void Names_are_written_in_code_point_order()
    {
        byte[] msgpack = ShardCompression.Decompress(ShardIndexWriter.Write("linux-64", "./", "./shards/", null, Hashes()), 1 << 20);

        int[] positions = new[] { "_libgcc_mutex", "numpy", "rich", "\u00fcnicode" }
            .Select(name => msgpack.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(name)))
            .ToArray();
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void Bad_hashes_and_names_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ShardIndexWriter.Write("linux-64", "./", "./shards/", null, [new("x", new byte[31])]));
        Assert.Throws<ArgumentException>(() => ShardIndexWriter.Write("linux-64", "./", "./shards/", null, [new("", new byte[32])]));
        Assert.Throws<ArgumentException>(() => ShardIndexWriter.Write("linux-64", "./", "./shards/", null, [new("x", new byte[32]), new("x", new byte[32])]));
        Assert.Throws<ArgumentException>(() => ShardIndexWriter.Write("", "./", "./shards/", null, []));
    }

    [Fact]
    public void An_index_without_version_is_version_1_as_rattler_writes_it()
    {
        byte[] file = ShardSamples.Compressed(w =>
        {
            MessagePackWriter.WriteMapHeader(w, 2);
            ShardSamples.Key(w, "info");
            MessagePackWriter.WriteMapHeader(w, 4);
            ShardSamples.Key(w, "subdir");
            ShardSamples.Key(w, "osx-arm64");
            ShardSamples.Key(w, "base_url");
            ShardSamples.Key(w, "");
            ShardSamples.Key(w, "shards_base_url");
            ShardSamples.Key(w, "./shards/");
            ShardSamples.Key(w, "created_at");
            ShardSamples.Key(w, "2025-01-02T03:04:05.123456789Z");
            ShardSamples.Key(w, "shards");
            MessagePackWriter.WriteMapHeader(w, 1);
            ShardSamples.Key(w, "zlib");
            MessagePackWriter.WriteBinary(w, new byte[32]);
        });

        ShardIndex index = ShardIndexReader.Read(file);

        Assert.Equal(1, index.Version);
        Assert.Equal(string.Empty, index.BaseUrl);
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234568), index.CreatedAt); // nanoseconds round to ticks
        Assert.Equal(new byte[32], index.Shards["zlib"]);
    }

    [Fact]
    public void Shard_file_names_are_lower_case_hex()
    {
        Assert.Equal(new string('a', 64) + ".msgpack.zst", ShardFiles.ShardFileName(Enumerable.Repeat((byte)0xaa, 32).ToArray()));
        Assert.Throws<ArgumentException>(() => ShardFiles.ShardFileName(new byte[16]));
    }
}
