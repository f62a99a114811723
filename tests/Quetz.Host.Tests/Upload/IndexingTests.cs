using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Upload;

public abstract class IndexingTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    [Fact]
    public async Task A_new_channel_has_its_noarch_index_channeldata_and_pages_at_once()
    {
        var channel = await server.CreateChannelAsync();
        using var client = server.Anonymous();
        foreach (var path in new[] { "channeldata.json", "channeldata.json.bz2", "channeldata.json.gz", "index.html", "noarch/repodata.json",
                     "noarch/repodata.json.bz2", "noarch/repodata.json.gz", "noarch/repodata.json.zst", "noarch/index.html" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/get/{channel}/{path}")).StatusCode);
        }

        var repodata = await Repodata.GetAsync(client, channel, "noarch");
        Assert.Equal("noarch", repodata.GetProperty("info").GetProperty("subdir").GetString());
        Assert.Empty(repodata.GetProperty("packages").EnumerateObject());
        Assert.Empty(repodata.GetProperty("packages.conda").EnumerateObject());
        Assert.Equal(1, repodata.GetProperty("repodata_version").GetInt32());
    }

    [Fact]
    public async Task After_the_deferred_pass_every_compressed_sibling_holds_exactly_the_published_json()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        for (var i = 0; i < 3; i++)
        {
            await HttpAssert.StatusAsync(HttpStatusCode.Created, await CondaPackages.UploadAsync(alice, channel, $"sibling-0.{i}-0.tar.bz2",
                await CondaPackages.BuildAsync("sibling", $"0.{i}")));
        }

        await Repodata.WaitForAsync(alice, channel, "linux-64", r => r.GetProperty("packages").EnumerateObject().Count() == 3);
        byte[] json = [];
        for (var attempt = 0; attempt < 300; attempt++)
        {
            json = await alice.GetByteArrayAsync($"/get/{channel}/linux-64/repodata.json");
            var bz2 = await alice.GetAsync($"/get/{channel}/linux-64/repodata.json.bz2");
            var fromBz2 = bz2.IsSuccessStatusCode
                ? Decompress(await bz2.Content.ReadAsByteArrayAsync(), s => new ICSharpCode.SharpZipLib.BZip2.BZip2InputStream(s))
                : [];
            if (Enumerable.SequenceEqual(json, fromBz2))
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal(json, Decompress(await alice.GetByteArrayAsync($"/get/{channel}/linux-64/repodata.json.bz2"), s => new ICSharpCode.SharpZipLib.BZip2.BZip2InputStream(s)));
        Assert.Equal(json, Decompress(await alice.GetByteArrayAsync($"/get/{channel}/linux-64/repodata.json.zst"), s => new ZstdSharp.DecompressionStream(s)));
        Assert.Equal(json, Decompress(await alice.GetByteArrayAsync($"/get/{channel}/linux-64/repodata.json.gz"), s => new System.IO.Compression.GZipStream(s, System.IO.Compression.CompressionMode.Decompress)));
    }

    private static byte[] Decompress(byte[] compressed, Func<Stream, Stream> decompressor)
    {
        using var input = decompressor(new MemoryStream(compressed));
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    [Fact]
    public async Task Channeldata_lists_packages_and_sorted_subdirs_and_pages_list_the_files()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.Created,
            await CondaPackages.UploadAsync(alice, channel, "test-package-0.1-0.tar.bz2", await CondaPackages.BuildAsync("test-package", "0.1")));
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await CondaPackages.UploadAsync(alice, channel, "test-package-0.2-0.conda",
            await CondaPackages.BuildAsync("test-package", "0.2", subdir: "osx-arm64", format: Quetz.Conda.Archives.PackageFormat.Conda)));
        await Repodata.WaitForAsync(alice, channel, "osx-arm64", r => Repodata.Has(r, "packages.conda", "test-package-0.2-0.conda"));

        JsonElement channeldata = default;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            channeldata = JsonDocument.Parse(await alice.GetStringAsync($"/get/{channel}/channeldata.json")).RootElement.Clone();
            if (channeldata.GetProperty("subdirs").GetArrayLength() == 3)
            {
                break;
            }

            await Task.Delay(50);
        }

        Assert.Equal(["linux-64", "noarch", "osx-arm64"], channeldata.GetProperty("subdirs").EnumerateArray().Select(s => s.GetString()));
        var entry = channeldata.GetProperty("packages").GetProperty("test-package");
        Assert.Equal("0.2", entry.GetProperty("version").GetString());
        Assert.Equal(["linux-64", "osx-arm64"], entry.GetProperty("subdirs").EnumerateArray().Select(s => s.GetString()));
        // The pages follow the index in a deferred job.
        Assert.Contains("test-package-0.2-0.conda", await PageAsync(alice, $"/get/{channel}/osx-arm64/", "test-package-0.2-0.conda"), StringComparison.Ordinal);
        Assert.Contains("test-package", await PageAsync(alice, $"/get/{channel}/", "test-package"), StringComparison.Ordinal);
    }

    private static async Task<string> PageAsync(HttpClient client, string path, string expected)
    {
        var page = "";
        for (var attempt = 0; attempt < 300 && !page.Contains(expected, StringComparison.Ordinal); attempt++)
        {
            var response = await client.GetAsync(path);
            page = response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : "";
            if (!page.Contains(expected, StringComparison.Ordinal))
            {
                await Task.Delay(50);
            }
        }

        return page;
    }

    [Fact]
    public async Task Twenty_parallel_uploads_all_appear_exactly_once()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        var packages = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => CondaPackages.BuildAsync($"pkg{i}", "1.0")));
        var responses = await Task.WhenAll(packages.Select((p, i) => CondaPackages.UploadAsync(alice, channel, $"pkg{i}-1.0-0.tar.bz2", p)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));

        var repodata = await Repodata.WaitForAsync(alice, channel, "linux-64", r => r.GetProperty("packages").EnumerateObject().Count() == 20);
        var names = repodata.GetProperty("packages").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"pkg{i}-1.0-0.tar.bz2").Order(StringComparer.Ordinal), names);
        var info = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/channels/{channel}"));
        Assert.Equal(20, info.GetProperty("packages_count").GetInt32());
    }

    [Fact]
    public async Task Parallel_first_uploads_of_one_new_package_all_succeed()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        var packages = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => CondaPackages.BuildAsync("fresh", $"1.{i}")));
        var responses = await Task.WhenAll(packages.Select((p, i) => CondaPackages.UploadAsync(alice, channel, $"fresh-1.{i}-0.tar.bz2", p)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));

        await Repodata.WaitForAsync(alice, channel, "linux-64", r => r.GetProperty("packages").EnumerateObject().Count() == 12);
        var package = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/channels/{channel}/packages/fresh"));
        Assert.Equal("1.11", package.GetProperty("current_version").GetString());
        var versions = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/channels/{channel}/packages/fresh/versions"));
        Assert.Equal(Enumerable.Range(0, 12).Reverse().Select(i => $"1.{i}"), versions.EnumerateArray().Select(v => v.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Deleting_a_version_or_a_package_removes_it_from_the_index_and_the_store()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        foreach (var version in new[] { "0.1", "0.2" })
        {
            await HttpAssert.StatusAsync(HttpStatusCode.Created,
                await CondaPackages.UploadAsync(alice, channel, $"test-package-{version}-0.tar.bz2", await CondaPackages.BuildAsync("test-package", version)));
        }

        await Repodata.WaitForAsync(alice, channel, "linux-64", r => r.GetProperty("packages").EnumerateObject().Count() == 2);
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.DeleteAsync($"/api/channels/{channel}/packages/test-package/versions/linux-64/test-package-0.2-0.tar.bz2"));
        await Repodata.WaitForAsync(alice, channel, "linux-64", r => !Repodata.Has(r, "packages", "test-package-0.2-0.tar.bz2"));
        await HttpAssert.StatusAsync(HttpStatusCode.NotFound, await alice.GetAsync($"/get/{channel}/linux-64/test-package-0.2-0.tar.bz2"));

        await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.DeleteAsync($"/api/channels/{channel}/packages/test-package"));
        await Repodata.WaitForAsync(alice, channel, "linux-64", r => !r.GetProperty("packages").EnumerateObject().Any());
        await HttpAssert.StatusAsync(HttpStatusCode.NotFound, await alice.GetAsync($"/get/{channel}/linux-64/test-package-0.1-0.tar.bz2"));
    }

    [Fact]
    public async Task Reindex_imports_stored_files_of_both_formats_and_validate_drops_damaged_ones()
    {
        var channel = await server.CreateChannelAsync();
        await server.PutFileAsync(channel, "linux-64/stray-1.0-0.tar.bz2", await CondaPackages.BuildAsync("stray", "1.0"));
        await server.PutFileAsync(channel, "noarch/stray-2.0-0.conda",
            await CondaPackages.BuildAsync("stray", "2.0", subdir: "noarch", format: Quetz.Conda.Archives.PackageFormat.Conda));
        await server.PutFileAsync(channel, "linux-64/junk-1.0-0.tar.bz2", "not a package"u8.ToArray());
        using var alice = server.WithKey(server.AliceKey);

        await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.PutAsJsonAsync($"/api/channels/{channel}/actions", new { action = "reindex" }));
        await Repodata.WaitForAsync(alice, channel, "noarch", r => Repodata.Has(r, "packages.conda", "stray-2.0-0.conda"));
        await Repodata.WaitForAsync(alice, channel, "linux-64", r => Repodata.Has(r, "packages", "stray-1.0-0.tar.bz2"));
        var package = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/channels/{channel}/packages/stray"));
        Assert.Equal("2.0", package.GetProperty("current_version").GetString());

        await server.PutFileAsync(channel, "linux-64/stray-1.0-0.tar.bz2", "damaged"u8.ToArray());
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.PutAsJsonAsync($"/api/channels/{channel}/actions", new { action = "validate_packages" }));
        await Repodata.WaitForAsync(alice, channel, "linux-64", r => !Repodata.Has(r, "packages", "stray-1.0-0.tar.bz2"));
        await HttpAssert.StatusAsync(HttpStatusCode.NotFound, await alice.GetAsync($"/get/{channel}/linux-64/stray-1.0-0.tar.bz2"));
    }

    [Fact]
    public async Task A_server_stopped_before_its_index_build_publishes_a_consistent_index_after_restart()
    {
        var channel = await server.CreateChannelAsync();
        using (var alice = server.WithKey(server.AliceKey))
        {
            await HttpAssert.StatusAsync(HttpStatusCode.Created,
                await CondaPackages.UploadAsync(alice, channel, "test-package-0.1-0.tar.bz2", await CondaPackages.BuildAsync("test-package", "0.1")));
            await Repodata.WaitForAsync(alice, channel, "linux-64", r => Repodata.Has(r, "packages", "test-package-0.1-0.tar.bz2"));
        }

        // While the server is down: a second version is committed as an upload commits it, but its index build never
        // ran, and a half-written index file is left in the store, as a crash in the middle of publishing would.
        await server.PutFileAsync(channel, "linux-64/test-package-0.2-0.tar.bz2", await CondaPackages.BuildAsync("test-package", "0.2"));
        await server.RestartAsync(async db =>
        {
            var first = await db.PackageVersions.AsNoTracking().FirstAsync(v => v.ChannelName == channel);
            db.PackageVersions.Add(new Data.PackageVersion
            {
                ChannelName = channel, PackageName = "test-package", PackageFormat = "tarbz2", Platform = "linux-64", Version = "0.2",
                BuildString = "0", Filename = "test-package-0.2-0.tar.bz2", Size = first.Size,
                Info = first.Info.Replace("\"0.1\"", "\"0.2\"", StringComparison.Ordinal), UploaderId = first.UploaderId,
                TimeCreated = DateTime.UtcNow, TimeModified = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            await Quetz.Host.Indexing.IndexChangeLog.RecordAsync(db, channel, "linux-64", "test-package-0.2-0.tar.bz2", CancellationToken.None);
            await File.WriteAllTextAsync(Path.Combine(server.Directory, "channels", channel, "linux-64", ".repodata.json.crash.tmp"), "{\"info\":");
        });

        using var client = server.Anonymous();
        var repodata = await Repodata.WaitForAsync(client, channel, "linux-64", r => Repodata.Has(r, "packages", "test-package-0.2-0.tar.bz2"));
        Assert.True(Repodata.Has(repodata, "packages", "test-package-0.1-0.tar.bz2"));
        await HttpAssert.StatusAsync(HttpStatusCode.NotFound, await client.GetAsync($"/get/{channel}/linux-64/.repodata.json.crash.tmp"));
    }
}

public sealed class IndexingOnSqlite(SqliteQuetzServer server) : IndexingTests<SqliteQuetzServer>(server);

public sealed class IndexingOnPostgres(PostgresQuetzServer server) : IndexingTests<PostgresQuetzServer>(server);
