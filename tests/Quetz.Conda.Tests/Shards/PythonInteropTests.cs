using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quetz.Conda.Repodata.Shards;

namespace Quetz.Conda.Tests.Shards;

/// <summary>
/// Interoperability with another implementation, Debian's python3-msgpack and python3-zstandard
/// (what conda-index's shard writer uses): Python reads our shards and index as the structure it
/// would build from the same records and gets the same MessagePack bytes; we read what Python writes.
/// </summary>
public sealed class PythonInteropTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("quetz-shards-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Python_reads_our_shard_as_the_msgpack_it_would_write()
    {
        Shard shard = ShardSamples.Write();
        string file = Path.Combine(_work, shard.FileName);
        await File.WriteAllBytesAsync(file, shard.Content);
        var spec = new JsonObject
        {
            ["packages"] = Texts(ShardSamples.Packages()),
            ["packages.conda"] = Texts(ShardSamples.CondaPackages()),
            ["removed"] = new JsonArray([.. ShardSamples.Removed().Select(name => JsonValue.Create(name))]),
        };

        string sha256 = await PythonMsgpack.RunAsync("check-shard", file, await WriteSpecAsync(spec));

        Assert.Equal(shard.Sha256Hex, sha256);
    }

    [Fact]
    public async Task Python_reads_an_empty_shard()
    {
        Shard shard = ShardWriter.Write([], [], []);
        string file = Path.Combine(_work, shard.FileName);
        await File.WriteAllBytesAsync(file, shard.Content);
        var spec = new JsonObject { ["packages"] = new JsonObject(), ["packages.conda"] = new JsonObject(), ["removed"] = new JsonArray() };

        Assert.Equal(shard.Sha256Hex, await PythonMsgpack.RunAsync("check-shard", file, await WriteSpecAsync(spec)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Python_reads_our_index_as_the_msgpack_it_would_write(bool withCreatedAt)
    {
        Shard rich = ShardSamples.Write();
        Shard empty = ShardWriter.Write([], [], []);
        var hashes = new Dictionary<string, byte[]> { ["rich"] = rich.Sha256, ["\u00fcnicode"] = empty.Sha256, ["a-long-package-name-" + new string('x', 40)] = new byte[32] };
        DateTimeOffset? createdAt = withCreatedAt ? new DateTimeOffset(2024, 7, 22, 10, 11, 12, 500, TimeSpan.Zero) : null;
        byte[] index = ShardIndexWriter.Write("noarch", "./", "./shards/", createdAt, hashes);
        string file = Path.Combine(_work, ShardFiles.IndexFileName);
        await File.WriteAllBytesAsync(file, index);
        var spec = new JsonObject
        {
            ["subdir"] = "noarch",
            ["base_url"] = "./",
            ["shards_base_url"] = "./shards/",
            ["created_at"] = withCreatedAt ? "2024-07-22T10:11:12.5Z" : null,
            ["shards"] = new JsonObject(hashes.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)Convert.ToHexStringLower(h.Value)))),
        };

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(index)), await PythonMsgpack.RunAsync("check-index", file, await WriteSpecAsync(spec)));
    }

    [Fact]
    public async Task We_read_the_shard_and_index_Python_writes()
    {
        await PythonMsgpack.RunAsync("write", _work);
        byte[] shardFile = await File.ReadAllBytesAsync(Path.Combine(_work, "shard.msgpack.zst"));

        ShardContent shard = ShardReader.Read(shardFile);
        ShardIndex index = ShardIndexReader.Read(await File.ReadAllBytesAsync(Path.Combine(_work, "index.msgpack.zst")));

        JsonObject rich = shard.Packages["rich-10.15.2-pyhd8ed1ab_1.tar.bz2"];
        Assert.Equal("2456071b5d040cba000f72ced5c72032", rich["md5"]!.GetValue<string>());
        Assert.Equal("a38347390191fd3e60b17204f2f6470a013ec8753e1c2e8c9a892683f59c3e40", rich["sha256"]!.GetValue<string>());
        Assert.Equal(1638891318904, rich["timestamp"]!.GetValue<long>());
        Assert.Equal(["colorama >=0.4.0,<0.5.0", "python >=3.6.2"], rich["depends"]!.AsArray().Select(d => d!.GetValue<string>()));

        JsonObject unicode = shard.CondaPackages["\u00fcnicode-1.0-0.conda"];
        Assert.Equal("\u00fcnicode", unicode["name"]!.GetValue<string>());
        Assert.Equal("caf\u00e9 \u2615 \U0001F600", unicode["summary"]!.GetValue<string>());
        Assert.Equal((1L << 40) + 7, unicode["size"]!.GetValue<long>());
        Assert.Equal(ulong.MaxValue, unicode["u64"]!.GetValue<ulong>());
        Assert.Equal(-(1L << 40), unicode["negative"]!.GetValue<long>());
        Assert.Equal(-5, unicode["small_negative"]!.GetValue<long>());
        Assert.Equal(0.1, unicode["ratio"]!.GetValue<double>());
        Assert.Equal(1e300, unicode["huge"]!.GetValue<double>());
        Assert.True(unicode.ContainsKey("nothing"));
        Assert.Null(unicode["nothing"]);
        Assert.True(unicode["yes"]!.GetValue<bool>());
        Assert.False(unicode["no"]!.GetValue<bool>());
        Assert.Equal("""{"a":[1,[2,{"b":"é"}]],"empty":{}}""", unicode["nested"]!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Equal("000102030405060708090a0b0c0d0e0f", unicode["md5"]!.GetValue<string>());
        Assert.Equal(Convert.ToHexStringLower([.. Enumerable.Range(0, 32).Select(i => (byte)i)]), unicode["sha256"]!.GetValue<string>());
        Assert.Equal("101112131415161718191a1b1c1d1e1f", unicode["legacy_bz2_md5"]!.GetValue<string>());
        Assert.Equal(new string('x', 300), unicode["long_text"]!.GetValue<string>());
        Assert.Equal(["rich-10.15.1-pyhd8ed1ab_1.tar.bz2"], shard.Removed);

        Assert.Equal(1, index.Version);
        Assert.Equal("noarch", index.Subdir);
        Assert.Equal("./", index.BaseUrl);
        Assert.Equal("./shards/", index.ShardsBaseUrl);
        Assert.Equal(new DateTimeOffset(2024, 7, 22, 10, 11, 12, 500, TimeSpan.Zero), index.CreatedAt);
        Assert.Equal(SHA256.HashData(shardFile), index.Shards["rich"]);
        Assert.Equal(new byte[32], index.Shards["\u00fcnicode"]);
    }

    [Fact]
    public async Task Our_encoding_of_every_boundary_value_is_the_one_msgpack_python_chooses()
    {
        byte[] msgpack = MessagePackTests.Write(w =>
        {
            MessagePackWriter.WriteArrayHeader(w, MessagePackTests.Integers.Count + 14);
            foreach (object?[] row in MessagePackTests.Integers)
            {
                MessagePackWriter.WriteInt64(w, (long)row[0]!);
            }

            MessagePackWriter.WriteUInt64(w, ulong.MaxValue);
            MessagePackWriter.WriteDouble(w, 0.1);
            MessagePackWriter.WriteDouble(w, -1e300);
            MessagePackWriter.WriteNil(w);
            MessagePackWriter.WriteBoolean(w, true);
            MessagePackWriter.WriteString(w, "caf\u00e9 \U0001F600");
            MessagePackWriter.WriteString(w, new string('s', 32));
            MessagePackWriter.WriteString(w, new string('s', 256));
            MessagePackWriter.WriteString(w, new string('s', 65536));
            MessagePackWriter.WriteBinary(w, [1, 2, 3]);
            MessagePackWriter.WriteBinary(w, new byte[256]);
            MessagePackWriter.WriteArrayHeader(w, 16);
            for (int i = 0; i < 16; i++)
            {
                MessagePackWriter.WriteInt64(w, i);
            }

            MessagePackWriter.WriteMapHeader(w, 16);
            for (int i = 0; i < 16; i++)
            {
                MessagePackWriter.WriteString(w, $"k{i:00}");
                MessagePackWriter.WriteArrayHeader(w, 0);
            }

            MessagePackWriter.WriteMapHeader(w, 0);
        });
        string file = Path.Combine(_work, "values.msgpack");
        await File.WriteAllBytesAsync(file, msgpack);

        JsonArray values = JsonNode.Parse(await PythonMsgpack.RunAsync("repack", file))!.AsArray();

        long[] integers = [.. MessagePackTests.Integers.Select(row => (long)row[0]!)];
        Assert.Equal(integers, values.Take(integers.Length).Select(v => v!.GetValue<long>()));
        JsonNode?[] rest = [.. values.Skip(integers.Length)];
        Assert.Equal(ulong.MaxValue, rest[0]!.GetValue<ulong>());
        Assert.Equal(0.1, rest[1]!.GetValue<double>());
        Assert.Null(rest[3]);
        Assert.Equal("caf\u00e9 \U0001F600", rest[5]!.GetValue<string>());
        Assert.Equal(65536, rest[8]!.GetValue<string>().Length);
        Assert.Equal("010203", rest[9]!["$bin"]!.GetValue<string>());
        Assert.Equal(16, rest[12]!.AsObject().Count);
    }

    private static JsonObject Texts(IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> records) =>
        new(records.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)ShardSamples.Text(r.Value))));

    private async Task<string> WriteSpecAsync(JsonObject spec)
    {
        string path = Path.Combine(_work, "spec.json");
        await File.WriteAllTextAsync(path, spec.ToJsonString());
        return path;
    }
}
