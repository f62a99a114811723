using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Quetz.Conda.Archives;
using Quetz.Host.Indexing;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Indexing;

/// <summary>Sharded repodata (CEP-16) published next to repodata.json and served to clients.</summary>
public abstract class ShardTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    private static readonly string[] IndexHeaders = ["ETag", "Last-Modified", "Cache-Control", "Content-Length"];

    private async Task<string> ChannelWithPackagesAsync(bool isPrivate = false)
    {
        var channel = await server.CreateChannelAsync(isPrivate);
        using var alice = server.WithKey(server.AliceKey);
        foreach (var (name, version, format, depends) in new[]
        {
            ("numpy", "1.0", PackageFormat.TarBz2, new[] { "python >=3.9" }),
            ("numpy", "2.0", PackageFormat.Conda, ["python >=3.10"]),
            ("python", "3.12", PackageFormat.Conda, []),
            ("scipy", "1.11", PackageFormat.TarBz2, ["numpy >=1.0", "python"]),
        })
        {
            var file = $"{name}-{version}-0{(format == PackageFormat.Conda ? ".conda" : ".tar.bz2")}";
            var content = await CondaPackages.BuildAsync(name, version, format: format, depends: depends);
            await HttpAssert.StatusAsync(HttpStatusCode.Created, await CondaPackages.UploadAsync(alice, channel, file, content));
        }

        await WaitForShardsAsync(alice, channel, "linux-64", 4);
        return channel;
    }

    /// <summary>
    /// Polls until the shards hold <paramref name="count"/> records and agree with repodata.json. Builds run after the
    /// request that caused them, so until then the index may be missing or older.
    /// </summary>
    private static async Task<Dictionary<string, string>> WaitForShardsAsync(HttpClient client, string channel, string subdir, int count, string prefix = "")
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var repodata = Shards.RepodataRecords(await Repodata.GetAsync(client, channel, subdir));
                var shards = await Shards.AllRecordsAsync(client, channel, subdir, prefix);
                if (shards.Count == count && repodata.Count == count && DictionaryEquals(shards, repodata))
                {
                    return shards;
                }

                if (attempt == 200)
                {
                    Assert.Equal(repodata, shards);
                    Assert.Equal(count, shards.Count);
                }
            }
            catch (Xunit.Sdk.XunitException) when (attempt < 200)
            {
                // Not built yet.
            }

            await Task.Delay(50);
        }
    }

    private static bool DictionaryEquals(Dictionary<string, string> a, Dictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);

    [Fact]
    public async Task Every_record_of_repodata_json_is_in_the_shard_of_its_name_and_nothing_else()
    {
        var channel = await ChannelWithPackagesAsync();
        using var client = server.Anonymous();
        var index = await Shards.IndexAsync(client, "", channel, "linux-64");
        Assert.Equal(["numpy", "python", "scipy"], index.Shards.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("linux-64", index.Subdir);
        Assert.Equal("./", index.BaseUrl);
        Assert.Equal("./shards/", index.ShardsBaseUrl);
        var numpy = await Shards.ShardAsync(client, "", channel, "linux-64", index.Shards["numpy"]);
        Assert.Equal(["numpy-1.0-0.tar.bz2"], numpy.Packages.Keys);
        Assert.Equal(["numpy-2.0-0.conda"], numpy.CondaPackages.Keys);
        Assert.Equal(["python >=3.10"], numpy.CondaPackages["numpy-2.0-0.conda"]["depends"]!.AsArray().Select(d => d!.GetValue<string>()));
    }

    [Fact]
    public async Task An_upload_rewrites_only_the_shard_of_its_name()
    {
        var channel = await ChannelWithPackagesAsync();
        using var alice = server.WithKey(server.AliceKey);
        var before = await Shards.IndexAsync(alice, "", channel, "linux-64");
        var content = await CondaPackages.BuildAsync("scipy", "1.12", depends: ["numpy"]);
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await CondaPackages.UploadAsync(alice, channel, "scipy-1.12-0.tar.bz2", content));
        await WaitForShardsAsync(alice, channel, "linux-64", 5);
        var after = await Shards.IndexAsync(alice, "", channel, "linux-64");
        Assert.Equal(before.Shards["numpy"], after.Shards["numpy"]);
        Assert.Equal(before.Shards["python"], after.Shards["python"]);
        Assert.NotEqual(before.Shards["scipy"], after.Shards["scipy"]);

        // The superseded shard stays readable for clients holding the older index.
        await Shards.ShardAsync(alice, "", channel, "linux-64", before.Shards["scipy"]);
    }

    [Fact]
    public async Task Deleting_versions_updates_shards_and_drops_a_name_left_without_files()
    {
        var channel = await ChannelWithPackagesAsync();
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.OK,
            await alice.DeleteAsync($"/api/channels/{channel}/packages/numpy/versions/linux-64/numpy-1.0-0.tar.bz2"));
        await HttpAssert.StatusAsync(HttpStatusCode.OK,
            await alice.DeleteAsync($"/api/channels/{channel}/packages/python/versions/linux-64/python-3.12-0.conda"));
        var records = await WaitForShardsAsync(alice, channel, "linux-64", 2);
        Assert.Equal(["numpy-2.0-0.conda", "scipy-1.11-0.tar.bz2"], records.Keys.Order(StringComparer.Ordinal));
        var index = await Shards.IndexAsync(alice, "", channel, "linux-64");
        Assert.Equal(["numpy", "scipy"], index.Shards.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Shards_are_immutable_and_named_by_their_hash_and_the_index_follows_the_channel_ttl()
    {
        var channel = await ChannelWithPackagesAsync();
        using var client = server.Anonymous();
        var index = await client.GetAsync($"/get/{channel}/linux-64/repodata_shards.msgpack.zst");
        Assert.Equal("public, max-age=36000", index.Headers.CacheControl!.ToString());
        Assert.NotNull(index.Headers.ETag);
        Assert.NotNull(index.Content.Headers.LastModified);
        var hash = Convert.ToHexStringLower(ShardIndexReaderHelper.Read(await index.Content.ReadAsByteArrayAsync())["numpy"]);
        var shard = await client.GetAsync($"/get/{channel}/linux-64/shards/{hash}.msgpack.zst");
        Assert.Equal(HttpStatusCode.OK, shard.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", shard.Headers.CacheControl!.ToString());
        Assert.Equal($"\"{hash}\"", shard.Headers.ETag!.Tag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/get/{channel}/linux-64/shards/{hash}.msgpack.zst");
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{hash}\""));
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/get/{channel}/linux-64/shards/{new string('0', 64)}.msgpack.zst")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/get/{channel}/linux-64/shards-retired/{hash}")).StatusCode);
    }

    [Theory]
    [InlineData("x-api-key")]
    [InlineData("bearer")]
    [InlineData("token")]
    [InlineData("/t/ path")]
    [InlineData("/get/t/ path")]
    public async Task Head_and_get_agree_on_a_private_channel_for_each_credential_form(string form)
    {
        var channel = await ChannelWithPackagesAsync(isPrivate: true);
        var key = server.AliceKey;
        using var client = server.Anonymous();
        string Url(string path) => form switch
        {
            "/t/ path" => $"/t/{key}/get/{channel}/{path}",
            "/get/t/ path" => $"/get/t/{key}/{channel}/{path}",
            _ => $"/get/{channel}/{path}",
        };
        void Authorize(HttpRequestMessage request)
        {
            switch (form)
            {
                case "x-api-key": request.Headers.Add("X-API-Key", key); break;
                case "bearer": request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key); break;
                case "token": request.Headers.Authorization = new AuthenticationHeaderValue("token", key); break;
            }
        }

        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, bool authorized = true)
        {
            using var request = new HttpRequestMessage(method, authorized ? Url(path) : $"/get/{channel}/{path}");
            if (authorized)
            {
                Authorize(request);
            }

            return await client.SendAsync(request);
        }

        var get = await SendAsync(HttpMethod.Get, "linux-64/repodata_shards.msgpack.zst");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var hash = Convert.ToHexStringLower(ShardIndexReaderHelper.Read(await get.Content.ReadAsByteArrayAsync())["scipy"]);
        foreach (var path in new[] { "linux-64/repodata_shards.msgpack.zst", $"linux-64/shards/{hash}.msgpack.zst" })
        {
            var byGet = await SendAsync(HttpMethod.Get, path);
            var byHead = await SendAsync(HttpMethod.Head, path);
            Assert.Equal(HttpStatusCode.OK, byGet.StatusCode);
            Assert.Equal(HttpStatusCode.OK, byHead.StatusCode);
            Assert.True(byGet.Headers.CacheControl!.Private);
            Assert.False(byGet.Headers.CacheControl.Public);
            foreach (var header in IndexHeaders)
            {
                Assert.Equal(Header(byGet, header), Header(byHead, header));
            }

            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, path, authorized: false)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Head, path, authorized: false)).StatusCode);
        }

        using var bob = await server.AsAsync("bob");
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync($"/get/{channel}/linux-64/repodata_shards.msgpack.zst")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync($"/get/{channel}/linux-64/shards/{hash}.msgpack.zst")).StatusCode);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values) : null;

    [Fact]
    public async Task A_channel_switched_off_answers_404_for_the_index_and_on_again_publishes_it()
    {
        var channel = await ChannelWithPackagesAsync();
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.OK,
            await alice.PatchAsync($"/api/channels/{channel}", JsonContent("""{"metadata": {"shards": false}}""")));
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"/get/{channel}/linux-64/repodata_shards.msgpack.zst")).StatusCode);
        using (var head = new HttpRequestMessage(HttpMethod.Head, $"/get/{channel}/linux-64/repodata_shards.msgpack.zst"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await alice.SendAsync(head)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/get/{channel}/linux-64/repodata.json.zst")).StatusCode);

        // The withdrawn index's shards are retired: removed once the grace period is over.
        var retired = Path.Combine(server.Directory, "channels", channel, "linux-64", "shards-retired");
        for (var attempt = 0; attempt < 200 && !(Directory.Exists(retired) && Directory.GetFiles(retired).Length >= 3); attempt++)
        {
            await Task.Delay(50);
        }

        Assert.InRange(await server.CleanShardsAsync(channel, "linux-64", TimeSpan.FromDays(8)), 3, 6);

        await HttpAssert.StatusAsync(HttpStatusCode.OK,
            await alice.PatchAsync($"/api/channels/{channel}", JsonContent("""{"metadata": {"shards": true}}""")));
        await WaitForShardsAsync(alice, channel, "linux-64", 4);

        var invalid = await alice.PatchAsync($"/api/channels/{channel}", JsonContent("""{"metadata": {"shards": "no"}}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
    }

    [Fact]
    public async Task A_subdir_published_without_shards_gets_them_when_the_server_starts()
    {
        var channel = await ChannelWithPackagesAsync();
        await server.RestartAsync(_ =>
        {
            File.Delete(Path.Combine(server.Directory, "channels", channel, "linux-64", "repodata_shards.msgpack.zst"));
            return Task.CompletedTask;
        });
        using var alice = server.WithKey(server.AliceKey);
        await WaitForShardsAsync(alice, channel, "linux-64", 4);
    }

    [Fact]
    public async Task The_index_never_names_a_missing_shard_while_uploads_run()
    {
        var channel = await ChannelWithPackagesAsync();
        using var alice = server.WithKey(server.AliceKey);
        using var reader = server.Anonymous();
        var uploads = Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            var content = await CondaPackages.BuildAsync($"pkg{i % 4}", $"1.{i}");
            await HttpAssert.StatusAsync(HttpStatusCode.Created, await CondaPackages.UploadAsync(alice, channel, $"pkg{i % 4}-1.{i}-0.tar.bz2", content));
        }));
        var reads = 0;
        while (!uploads.IsCompleted || reads < 5)
        {
            var index = await Shards.IndexAsync(reader, "", channel, "linux-64");
            foreach (var hash in index.Shards.Values)
            {
                await Shards.ShardAsync(reader, "", channel, "linux-64", hash);
            }

            reads++;
        }

        await uploads;
        await WaitForShardsAsync(alice, channel, "linux-64", 16);
    }

    [Fact]
    public async Task Superseded_shards_are_removed_only_after_the_grace_period_and_never_while_named()
    {
        var channel = await ChannelWithPackagesAsync();
        using var alice = server.WithKey(server.AliceKey);
        var before = await Shards.IndexAsync(alice, "", channel, "linux-64");
        var content = await CondaPackages.BuildAsync("python", "3.13");
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await CondaPackages.UploadAsync(alice, channel, "python-3.13-0.tar.bz2", content));
        await WaitForShardsAsync(alice, channel, "linux-64", 5);
        var old = Convert.ToHexStringLower(before.Shards["python"]);

        Assert.Equal(0, await server.CleanShardsAsync(channel, "linux-64", TimeSpan.Zero));
        await Shards.ShardAsync(alice, "", channel, "linux-64", before.Shards["python"]);

        // Every shard superseded while the channel was filled goes, the one python named before the upload among them.
        Assert.InRange(await server.CleanShardsAsync(channel, "linux-64", TimeSpan.FromDays(8)), 1, 4);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"/get/{channel}/linux-64/shards/{old}.msgpack.zst")).StatusCode);
        await WaitForShardsAsync(alice, channel, "linux-64", 5);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}

public sealed class ShardTestsOnSqlite(SqliteQuetzServer server) : ShardTests<SqliteQuetzServer>(server);

public sealed class ShardTestsOnPostgres(PostgresQuetzServer server) : ShardTests<PostgresQuetzServer>(server);

/// <summary>Runs the shard clean-up job as it would run <paramref name="later"/> from now: the store and code are real, only the clock moves.</summary>
internal static class ShardCleanupRunner
{
    public static async Task<int> CleanShardsAsync(this QuetzServer server, string channel, string subdir, TimeSpan later)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var cleanup = ActivatorUtilities.CreateInstance<ShardCleanup>(scope.ServiceProvider, (TimeProvider)new LaterTime(later));
        return await cleanup.CleanAsync(channel, subdir, CancellationToken.None);
    }

    private sealed class LaterTime(TimeSpan later) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + later;
    }
}

/// <summary>The name → hash map of an index's bytes.</summary>
internal static class ShardIndexReaderHelper
{
    public static IReadOnlyDictionary<string, byte[]> Read(byte[] index) => Quetz.Conda.Repodata.Shards.ShardIndexReader.Read(index).Shards;
}
