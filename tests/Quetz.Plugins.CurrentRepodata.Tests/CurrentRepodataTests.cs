using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Quetz.Conda.Archives;
using Quetz.Host.Tests.Infrastructure;
using Quetz.Plugins.RepodataPatching.Tests;

namespace Quetz.Plugins.CurrentRepodata.Tests;

public abstract class CurrentRepodataTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    [Fact]
    public async Task Holds_the_latest_versions_plus_what_their_dependencies_need()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        await UploadAsync(alice, channel, "lib", "1.0");
        await UploadAsync(alice, channel, "lib", "2.0");
        await UploadAsync(alice, channel, "app", "1.0", ["lib"]);
        await UploadAsync(alice, channel, "app", "2.0", ["lib <2"]);
        await UploadAsync(alice, channel, "plugin", "1.0", ["lib >=2"]);
        await UploadAsync(alice, channel, "tool", "1.0", format: PackageFormat.Conda);
        await UploadAsync(alice, channel, "tool", "1.1", format: PackageFormat.Conda);
        var twin = await UploadAsync(alice, channel, "tool", "1.1");

        var path = $"/get/{channel}/linux-64/current_repodata.json";
        var bytes = await Published.WaitForJsonAsync(alice, path, c => Names(c, "packages.conda").SequenceEqual(["tool-1.1-0.conda"])
            && c.GetProperty("packages.conda").GetProperty("tool-1.1-0.conda").GetProperty("legacy_bz2_md5").ValueKind == JsonValueKind.String);
        var current = Published.Json(bytes);

        // app 2.0 needs lib <2, which the newest lib does not satisfy: lib 1.0 joins. The .tar.bz2 twin of a .conda is left out.
        Assert.Equal(["app-2.0-0.tar.bz2", "lib-1.0-0.tar.bz2", "lib-2.0-0.tar.bz2", "plugin-1.0-0.tar.bz2"], Names(current, "packages"));
        Assert.Equal(Md5(twin), current.GetProperty("packages.conda").GetProperty("tool-1.1-0.conda").GetProperty("legacy_bz2_md5").GetString());

        // conda-index's layout: repodata.json's keys, and its records as they are.
        Assert.Equal(["info", "packages", "packages.conda", "removed", "repodata_version"], current.EnumerateObject().Select(p => p.Name));
        Assert.Equal("linux-64", current.GetProperty("info").GetProperty("subdir").GetString());
        Assert.Equal(1, current.GetProperty("repodata_version").GetInt32());
        Assert.Empty(current.GetProperty("removed").EnumerateArray());
        var repodata = await Repodata.GetAsync(alice, channel, "linux-64");
        Assert.Equal(repodata.GetProperty("packages").GetProperty("app-2.0-0.tar.bz2").GetRawText(),
            current.GetProperty("packages").GetProperty("app-2.0-0.tar.bz2").GetRawText());

        foreach (var extension in new[] { ".zst", ".bz2", ".gz" })
        {
            var json = await Published.WaitForSiblingAsync(alice, path, extension);
            Assert.Equal(json, await DebianTools.DecompressAsync((await Published.GetAsync(alice, path + extension))!, extension));
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        var gzipped = await alice.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, gzipped.StatusCode);
        Assert.Equal(["gzip"], gzipped.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Every_subdir_gets_one_even_without_packages()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        await UploadAsync(alice, channel, "lib", "1.0");
        await Published.WaitForJsonAsync(alice, $"/get/{channel}/linux-64/current_repodata.json", c => Names(c, "packages").Length == 1);

        var noarch = Published.Json(await Published.WaitForJsonAsync(alice, $"/get/{channel}/noarch/current_repodata.json", _ => true));

        Assert.Equal("noarch", noarch.GetProperty("info").GetProperty("subdir").GetString());
        Assert.Empty(noarch.GetProperty("packages").EnumerateObject());
        Assert.Empty(noarch.GetProperty("packages.conda").EnumerateObject());
    }

    [Fact]
    public async Task Follows_the_patched_records_when_repodata_patching_is_loaded_too()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        await UploadAsync(alice, channel, "lib", "1.0");
        await UploadAsync(alice, channel, "lib", "2.0");
        await UploadAsync(alice, channel, "app", "2.0", ["lib <2"]);
        await UploadAsync(alice, channel, "tool", "1.0");
        await UploadAsync(alice, channel, "tool", "2.0");
        var path = $"/get/{channel}/linux-64/current_repodata.json";
        await Published.WaitForJsonAsync(alice, path, c => Names(c, "packages").Length == 4);

        await PatchesPackages.UploadAsync(alice, channel, "1", new Dictionary<string, string>
        {
            ["linux-64"] = """{"packages": {"app-2.0-0.tar.bz2": {"depends": ["lib >=2"]}}, "remove": ["tool-2.0-0.tar.bz2"]}""",
        });

        var current = Published.Json(await Published.WaitForJsonAsync(alice, path, c => c.GetProperty("removed").GetArrayLength() == 1));
        Assert.Equal(["app-2.0-0.tar.bz2", "lib-2.0-0.tar.bz2", "tool-1.0-0.tar.bz2"], Names(current, "packages"));
        Assert.Equal(["lib >=2"], Published.Strings(current.GetProperty("packages").GetProperty("app-2.0-0.tar.bz2").GetProperty("depends")));
        Assert.Equal(["tool-2.0-0.tar.bz2"], Published.Strings(current.GetProperty("removed")));
        Assert.Equal(Published.Json(await Published.WaitForSiblingAsync(alice, path, ".zst")).GetRawText(), current.GetRawText());
    }

    private static async Task<byte[]> UploadAsync(HttpClient client, string channel, string name, string version, string[]? depends = null,
        PackageFormat format = PackageFormat.TarBz2)
    {
        var content = await CondaPackages.BuildAsync(name, version, format: format, depends: depends);
        await HttpAssert.StatusAsync(HttpStatusCode.Created,
            await CondaPackages.UploadAsync(client, channel, $"{name}-{version}-0{PackageFileName.ExtensionOf(format)}", content));
        return content;
    }

    private static string[] Names(JsonElement repodata, string section) => [.. repodata.GetProperty(section).EnumerateObject().Select(p => p.Name)];

#pragma warning disable CA5351
    private static string Md5(byte[] content) => Convert.ToHexStringLower(MD5.HashData(content));
#pragma warning restore CA5351
}

public sealed class CurrentRepodataOnSqlite(CurrentRepodataOnSqliteServer server) : CurrentRepodataTests<CurrentRepodataOnSqliteServer>(server);

public sealed class CurrentRepodataOnPostgres(CurrentRepodataOnPostgresServer server) : CurrentRepodataTests<CurrentRepodataOnPostgresServer>(server);
