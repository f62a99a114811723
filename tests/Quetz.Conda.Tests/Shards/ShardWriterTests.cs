using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Quetz.Conda.Repodata.Shards;

namespace Quetz.Conda.Tests.Shards;

public class ShardWriterTests
{
    [Fact]
    public void Records_read_back_as_they_went_in()
    {
        Shard shard = ShardSamples.Write();

        ShardContent content = ShardReader.Read(shard.Content);

        Assert.Equal(ShardSamples.Packages().Select(p => p.Key).Order(), content.Packages.Keys.Order());
        Assert.Equal(ShardSamples.CondaPackages().Select(p => p.Key).Order(), content.CondaPackages.Keys.Order());
        foreach ((string fileName, ReadOnlyMemory<byte> json) in ShardSamples.Packages().Concat(ShardSamples.CondaPackages()))
        {
            JsonObject record = content.Packages.TryGetValue(fileName, out JsonObject? found) ? found : content.CondaPackages[fileName];
            Assert.Equal(ShardSamples.Text(json), ShardSamples.Canonical(record));
        }

        Assert.Equal(["rich-10.0.0-py_0.tar.bz2", "rich-10.15.1-pyhd8ed1ab_1.tar.bz2"], content.Removed);
    }

    [Fact]
    public void Checksums_come_back_as_lower_case_hex_and_other_values_keep_their_types()
    {
        ShardContent content = ShardReader.Read(ShardSamples.Write().Content);

        JsonObject record = content.CondaPackages["rich-13.7.1-pyhd8ed1ab_0.conda"];
        Assert.Equal(ShardSamples.Md5, record["md5"]!.GetValue<string>());
        Assert.Equal(ShardSamples.Sha256, record["sha256"]!.GetValue<string>());
        Assert.Equal(ShardSamples.Md5, record["legacy_bz2_md5"]!.GetValue<string>());
        Assert.Equal("caf\u00e9 \u2615 \U0001F600 \"quoted\" \\ back", record["summary"]!.GetValue<string>());
        Assert.Equal(ulong.MaxValue, record["u64"]!.GetValue<ulong>());
        Assert.Equal(-1099511627776L, record["negative"]!.GetValue<long>());
        Assert.Equal(1e16, record["big"]!.GetValue<double>());
        Assert.True(record["flag"]!.GetValue<bool>());
        Assert.Null(record["nested"]!["a"]![1]![1]!["b"]);
        Assert.Null(content.CondaPackages["rich-13.7.0-pyhd8ed1ab_0.conda"]["md5"]);
    }

    [Fact]
    public void The_hash_is_the_SHA256_of_the_file_and_names_it()
    {
        Shard shard = ShardSamples.Write();

        Assert.Equal(SHA256.HashData(shard.Content), shard.Sha256);
        Assert.Equal(Convert.ToHexStringLower(shard.Sha256), shard.Sha256Hex);
        Assert.Equal(shard.Sha256Hex + ".msgpack.zst", shard.FileName);
    }

    [Fact]
    public void Equal_input_gives_equal_bytes_whatever_its_order()
    {
        Shard first = ShardSamples.Write();
        Shard again = ShardSamples.Write();
        var reversed = ShardWriter.Write(
            Enumerable.Reverse(ShardSamples.Packages()),
            Enumerable.Reverse(ShardSamples.CondaPackages()),
            Enumerable.Reverse(ShardSamples.Removed()).Append("rich-10.0.0-py_0.tar.bz2"));

        Assert.Equal(first.Content, again.Content);
        Assert.Equal(first.Content, reversed.Content);
        Assert.Equal(first.Sha256, reversed.Sha256);
    }

    [Fact]
    public void A_changed_record_changes_the_hash()
    {
        List<KeyValuePair<string, ReadOnlyMemory<byte>>> packages = ShardSamples.Packages();
        packages[1] = ShardSamples.Entry(packages[1].Key, """{"name":"rich","version":"10.16.0","build":"pyhd8ed1ab_0","build_number":1}""");

        Shard changed = ShardWriter.Write(packages, ShardSamples.CondaPackages(), ShardSamples.Removed());

        Assert.NotEqual(ShardSamples.Write().Sha256, changed.Sha256);
    }

    [Fact]
    public void Checksums_are_stored_as_raw_bytes()
    {
        byte[] msgpack = ShardCompression.Decompress(ShardSamples.Write().Content, 1 << 20);

        byte[] md5 = [0xc4, 16, .. Convert.FromHexString(ShardSamples.Md5)];
        byte[] sha256 = [0xc4, 32, .. Convert.FromHexString(ShardSamples.Sha256)];
        Assert.True(msgpack.AsSpan().IndexOf(md5) >= 0);
        Assert.True(msgpack.AsSpan().IndexOf(sha256) >= 0);
        Assert.True(msgpack.AsSpan().IndexOf("a38347390191"u8) < 0, "no hex sha256 left");
    }

    [Fact]
    public void An_empty_shard_has_all_three_keys()
    {
        Shard shard = ShardWriter.Write([], [], []);

        byte[] expected = [0x83, 0xa8, .. "packages"u8, 0x80, 0xae, .. "packages.conda"u8, 0x80, 0xa7, .. "removed"u8, 0x90];
        Assert.Equal(expected, ShardCompression.Decompress(shard.Content, 1024));
        ShardContent content = ShardReader.Read(shard.Content);
        Assert.Empty(content.Packages);
        Assert.Empty(content.CondaPackages);
        Assert.Empty(content.Removed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(19)]
    [InlineData(22)]
    public void Every_level_reads_back_the_same(int level)
    {
        Shard shard = ShardSamples.Write(level);

        Assert.Equal(
            ShardSamples.Canonical(ShardReader.Read(ShardSamples.Write().Content).CondaPackages["rich-13.7.1-pyhd8ed1ab_0.conda"]),
            ShardSamples.Canonical(ShardReader.Read(shard.Content).CondaPackages["rich-13.7.1-pyhd8ed1ab_0.conda"]));
    }

    [Theory]
    [InlineData("""{"name":"x","md5":"abc"}""")]
    [InlineData("""{"name":"x","md5":"zz56071b5d040cba000f72ced5c72032"}""")]
    [InlineData("""{"name":"x","md5":""}""")]
    [InlineData("""{"name":"x","md5":12}""")]
    [InlineData("""{"name":"x","sha256":"2456071b5d040cba000f72ced5c72032"}""")]
    [InlineData("""{"name":"x","size":18446744073709551616}""")]
    [InlineData("""{"name":"x","size":-9223372036854775809}""")]
    [InlineData("""{"name":"x","big":1e400}""")]
    [InlineData("""{"name":"x","bad":"\ud800"}""")]
    [InlineData("""{"name":"x","name":"y"}""")]
    [InlineData("""["not", "an", "object"]""")]
    [InlineData("""{"name":""")]
    public void Records_msgpack_or_CEP16_cannot_hold_are_refused(string json)
    {
        KeyValuePair<string, ReadOnlyMemory<byte>>[] packages = [new("x-1-0.tar.bz2", System.Text.Encoding.UTF8.GetBytes(json))];

        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => ShardWriter.Write(packages, [], []));
        Assert.Contains("x-1-0.tar.bz2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_name_twice_is_refused()
    {
        KeyValuePair<string, ReadOnlyMemory<byte>> entry = ShardSamples.Packages()[0];

        Assert.Throws<ArgumentException>(() => ShardWriter.Write([entry, entry], [], []));
    }

    [Fact]
    public void A_checksum_nested_below_the_record_stays_a_string()
    {
        Shard shard = ShardWriter.Write([ShardSamples.Entry("x-1-0.tar.bz2", """{"name":"x","extra":{"md5":"not hex"}}""")], [], []);

        Assert.Equal("not hex", ShardReader.Read(shard.Content).Packages["x-1-0.tar.bz2"]["extra"]!["md5"]!.GetValue<string>());
    }

    [Fact]
    public void Upper_case_hex_checksums_are_accepted()
    {
        string json = $$"""{"name":"x","md5":"{{ShardSamples.Md5.ToUpperInvariant()}}"}""";

        Shard shard = ShardWriter.Write([ShardSamples.Entry("x-1-0.tar.bz2", json)], [], []);

        Assert.Equal(ShardSamples.Md5, ShardReader.Read(shard.Content).Packages["x-1-0.tar.bz2"]["md5"]!.GetValue<string>());
    }
}
