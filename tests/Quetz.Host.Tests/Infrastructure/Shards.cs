using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quetz.Conda.Repodata.Shards;

namespace Quetz.Host.Tests.Infrastructure;

/// <summary>Reads a channel subdir's sharded repodata over /get, as a CEP-16 client would.</summary>
public static class Shards
{
    public static async Task<ShardIndex> IndexAsync(HttpClient client, string prefix, string channel, string subdir)
    {
        var response = await client.GetAsync($"{prefix}/get/{channel}/{subdir}/repodata_shards.msgpack.zst");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ShardIndexReader.Read(await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>A shard's bytes, checked against the hash it is named by.</summary>
    public static async Task<ShardContent> ShardAsync(HttpClient client, string prefix, string channel, string subdir, byte[] hash)
    {
        var response = await client.GetAsync($"{prefix}/get/{channel}/{subdir}/shards/{Convert.ToHexStringLower(hash)}.msgpack.zst");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(hash, SHA256.HashData(bytes));
        return ShardReader.Read(bytes);
    }

    /// <summary>Every record of every shard, per section, as JSON text with keys sorted (md5/sha256 back as hex).</summary>
    public static async Task<Dictionary<string, string>> AllRecordsAsync(HttpClient client, string channel, string subdir, string prefix = "")
    {
        var index = await IndexAsync(client, prefix, channel, subdir);
        var records = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, hash) in index.Shards)
        {
            var shard = await ShardAsync(client, prefix, channel, subdir, hash);
            foreach (var (file, record) in shard.Packages.Concat(shard.CondaPackages))
            {
                Assert.Equal(name, record["name"]!.GetValue<string>());
                records.Add(file, Canonical(record));
            }
        }

        return records;
    }

    /// <summary>repodata.json's records in the same form.</summary>
    public static Dictionary<string, string> RepodataRecords(JsonElement repodata)
    {
        var records = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in new[] { "packages", "packages.conda" })
        {
            foreach (var record in repodata.GetProperty(section).EnumerateObject())
            {
                records.Add(record.Name, Canonical(JsonNode.Parse(record.Value.GetRawText())!.AsObject()));
            }
        }

        return records;
    }

    private static string Canonical(JsonObject record) =>
        new JsonObject(record.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))).ToJsonString();
}
