using System.Net;
using System.Text.Json;
using Quetz.Conda.Archives;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Plugins.RepodataPatching.Tests;

public abstract class RepodataPatchingTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    /// <summary>conda-forge-style instructions: a depends change, a key deleted through null, a .conda-only change, a revoke and a remove.</summary>
    private const string LinuxInstructions = """
        {
          "patch_instructions_version": 1,
          "packages": {
            "pkga-1.0-0.tar.bz2": {"depends": ["python >=3.8"], "license": null},
            "absent-9.9-0.tar.bz2": {"depends": ["nothing"]}
          },
          "packages.conda": {"pkga-1.0-0.conda": {"license_family": "MIT"}},
          "revoke": ["pkgc-1.0-0.tar.bz2"],
          "remove": ["pkgd-1.0-0.tar.bz2", "absent-9.9-0.tar.bz2"]
        }
        """;

    private const string NoarchInstructions = """{"packages": {"nopkg-1.0-0.tar.bz2": {"depends": ["patched-dependency"]}}}""";

    [Fact]
    public async Task Repodata_is_patched_and_the_unpatched_index_stays_in_repodata_from_packages()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        await UploadPackagesAsync(alice, channel);

        await PatchesPackages.UploadAsync(alice, channel, "1", new Dictionary<string, string> { ["linux-64"] = LinuxInstructions, ["noarch"] = NoarchInstructions });

        var repodata = Published.Json(await Published.WaitForJsonAsync(alice, $"/get/{channel}/linux-64/repodata.json", Removed("pkgd-1.0-0.tar.bz2")));
        foreach (var (section, fileName) in new[] { ("packages", "pkga-1.0-0.tar.bz2"), ("packages.conda", "pkga-1.0-0.conda") })
        {
            var record = repodata.GetProperty(section).GetProperty(fileName);
            Assert.Equal(["python >=3.8"], Published.Strings(record.GetProperty("depends")));
            Assert.False(record.TryGetProperty("license", out _), $"{fileName} keeps the license patched away");
        }

        Assert.Equal("MIT", repodata.GetProperty("packages.conda").GetProperty("pkga-1.0-0.conda").GetProperty("license_family").GetString());
        Assert.False(repodata.GetProperty("packages").GetProperty("pkga-1.0-0.tar.bz2").TryGetProperty("license_family", out _));
        var revoked = repodata.GetProperty("packages").GetProperty("pkgc-1.0-0.tar.bz2");
        Assert.True(revoked.GetProperty("revoked").GetBoolean());
        Assert.Equal(["zlib", "package_has_been_revoked"], Published.Strings(revoked.GetProperty("depends")));
        Assert.False(Repodata.Has(repodata, "packages", "pkgd-1.0-0.tar.bz2"));
        Assert.False(Repodata.Has(repodata, "packages.conda", "pkgd-1.0-0.conda"));
        Assert.Equal(["pkgd-1.0-0.conda", "pkgd-1.0-0.tar.bz2"], Published.Strings(repodata.GetProperty("removed")));

        var unpatched = Published.Json(await Published.WaitForSiblingAsync(alice, $"/get/{channel}/linux-64/repodata_from_packages.json", ".zst"));
        var original = unpatched.GetProperty("packages").GetProperty("pkga-1.0-0.tar.bz2");
        Assert.Equal(["python"], Published.Strings(original.GetProperty("depends")));
        Assert.Equal("BSD", original.GetProperty("license").GetString());
        Assert.False(unpatched.GetProperty("packages").GetProperty("pkgc-1.0-0.tar.bz2").TryGetProperty("revoked", out _));
        Assert.True(Repodata.Has(unpatched, "packages.conda", "pkgd-1.0-0.conda"));
        Assert.Empty(unpatched.GetProperty("removed").EnumerateArray());
        Assert.Equal(unpatched.GetProperty("packages").GetProperty("pkgb-1.0-0.tar.bz2").GetRawText(),
            repodata.GetProperty("packages").GetProperty("pkgb-1.0-0.tar.bz2").GetRawText());

        // The compressed siblings clients fetch carry the patched index too.
        var zst = Published.Json(await Published.WaitForSiblingAsync(alice, $"/get/{channel}/linux-64/repodata.json", ".zst"));
        Assert.Equal(["pkgd-1.0-0.conda", "pkgd-1.0-0.tar.bz2"], Published.Strings(zst.GetProperty("removed")));

        // Every subdir is patched with its own instructions, including the one the patches package was uploaded to.
        var noarch = Published.Json(await Published.WaitForJsonAsync(alice, $"/get/{channel}/noarch/repodata.json",
            r => Repodata.Has(r, "packages", "nopkg-1.0-0.tar.bz2")
                && Published.Strings(r.GetProperty("packages").GetProperty("nopkg-1.0-0.tar.bz2").GetProperty("depends")).SequenceEqual(["patched-dependency"])));
        Assert.Empty(noarch.GetProperty("removed").EnumerateArray());
    }

    [Fact]
    public async Task Shards_carry_the_patched_records_and_agree_with_repodata_json_after_a_patch_a_revoke_a_remove_and_a_delete()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        await UploadPackagesAsync(alice, channel);
        await PatchesPackages.UploadAsync(alice, channel, "1", new Dictionary<string, string> { ["linux-64"] = LinuxInstructions, ["noarch"] = NoarchInstructions });
        await Published.WaitForJsonAsync(alice, $"/get/{channel}/linux-64/repodata.json", Removed("pkgd-1.0-0.tar.bz2"));
        await ShardsAgreeAsync(alice, channel);

        var index = await Shards.IndexAsync(alice, "", channel, "linux-64");
        var pkgc = await Shards.ShardAsync(alice, "", channel, "linux-64", index.Shards["pkgc"]);
        Assert.True(pkgc.Packages["pkgc-1.0-0.tar.bz2"]["revoked"]!.GetValue<bool>());
        var pkgd = await Shards.ShardAsync(alice, "", channel, "linux-64", index.Shards["pkgd"]);
        Assert.Empty(pkgd.Packages);
        Assert.Empty(pkgd.CondaPackages);
        Assert.Equal(["pkgd-1.0-0.conda", "pkgd-1.0-0.tar.bz2"], pkgd.Removed.Order(StringComparer.Ordinal));

        await HttpAssert.StatusAsync(HttpStatusCode.OK,
            await alice.DeleteAsync($"/api/channels/{channel}/packages/pkga/versions/linux-64/pkga-1.0-0.tar.bz2"));
        await Published.WaitForJsonAsync(alice, $"/get/{channel}/linux-64/repodata.json", r => !Repodata.Has(r, "packages", "pkga-1.0-0.tar.bz2"));
        await ShardsAgreeAsync(alice, channel);
    }

    /// <summary>Waits until the union of the shards is exactly repodata.json's records, as published at that moment.</summary>
    private static async Task ShardsAgreeAsync(HttpClient client, string channel)
    {
        for (var attempt = 0; ; attempt++)
        {
            var repodata = Shards.RepodataRecords(await Repodata.GetAsync(client, channel, "linux-64"));
            var shards = await Shards.AllRecordsAsync(client, channel, "linux-64");
            if (repodata.Count == shards.Count && repodata.All(r => shards.TryGetValue(r.Key, out var s) && s == r.Value))
            {
                return;
            }

            if (attempt == 200)
            {
                Assert.Equal(repodata, shards);
            }

            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_new_patches_version_re_patches_the_channel_and_a_conda_patches_file_works()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        await UploadPackagesAsync(alice, channel);
        await PatchesPackages.UploadAsync(alice, channel, "1", new Dictionary<string, string> { ["linux-64"] = LinuxInstructions });
        await Published.WaitForJsonAsync(alice, $"/get/{channel}/linux-64/repodata.json", Removed("pkgd-1.0-0.tar.bz2"));

        await PatchesPackages.UploadAsync(alice, channel, "2", new Dictionary<string, string>
        {
            ["linux-64"] = """{"packages": {"pkga-1.0-0.tar.bz2": {"depends": ["python >=3.10"]}}}""",
        }, PackageFormat.Conda);

        var repodata = Published.Json(await Published.WaitForJsonAsync(alice, $"/get/{channel}/linux-64/repodata.json",
            r => Depends(r, "packages", "pkga-1.0-0.tar.bz2").SequenceEqual(["python >=3.10"])));
        Assert.Equal(["python >=3.10"], Depends(repodata, "packages.conda", "pkga-1.0-0.conda"));
        Assert.Equal("BSD", repodata.GetProperty("packages").GetProperty("pkga-1.0-0.tar.bz2").GetProperty("license").GetString());
        Assert.True(Repodata.Has(repodata, "packages", "pkgd-1.0-0.tar.bz2"));
        Assert.True(Repodata.Has(repodata, "packages.conda", "pkgd-1.0-0.conda"));
        Assert.Empty(repodata.GetProperty("removed").EnumerateArray());
        Assert.False(repodata.GetProperty("packages").GetProperty("pkgc-1.0-0.tar.bz2").TryGetProperty("revoked", out _));
        Assert.Equal(["zlib"], Depends(repodata, "packages", "pkgc-1.0-0.tar.bz2"));
    }

    [Fact]
    public async Task Deleting_patches_versions_re_patches_with_the_newest_left_and_deleting_the_package_unpatches_the_channel()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        await UploadPackagesAsync(alice, channel);
        await PatchesPackages.UploadAsync(alice, channel, "1", new Dictionary<string, string> { ["linux-64"] = LinuxInstructions });
        var second = await PatchesPackages.UploadAsync(alice, channel, "2", new Dictionary<string, string>
        {
            ["linux-64"] = """{"packages": {"pkga-1.0-0.tar.bz2": {"depends": ["python >=3.10"]}}}""",
        });
        await Published.WaitForJsonAsync(alice, $"/get/{channel}/linux-64/repodata.json",
            r => Depends(r, "packages", "pkga-1.0-0.tar.bz2").SequenceEqual(["python >=3.10"]));

        var patches = $"{channel}-repodata-patches";
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.DeleteAsync($"/api/channels/{channel}/packages/{patches}/versions/noarch/{second}"));

        var repatched = Published.Json(await Published.WaitForJsonAsync(alice, $"/get/{channel}/linux-64/repodata.json", Removed("pkgd-1.0-0.tar.bz2")));
        Assert.Equal(["python >=3.8"], Depends(repatched, "packages", "pkga-1.0-0.tar.bz2"));
        Assert.True(repatched.GetProperty("packages").GetProperty("pkgc-1.0-0.tar.bz2").GetProperty("revoked").GetBoolean());

        await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.DeleteAsync($"/api/channels/{channel}/packages/{patches}"));

        var unpatched = Published.Json(await Published.WaitForJsonAsync(alice, $"/get/{channel}/linux-64/repodata.json",
            r => r.GetProperty("removed").GetArrayLength() == 0));
        Assert.Equal(["python"], Depends(unpatched, "packages", "pkga-1.0-0.tar.bz2"));
        Assert.Equal("BSD", unpatched.GetProperty("packages").GetProperty("pkga-1.0-0.tar.bz2").GetProperty("license").GetString());
        Assert.True(Repodata.Has(unpatched, "packages", "pkgd-1.0-0.tar.bz2"));
        Assert.False(unpatched.GetProperty("packages").GetProperty("pkgc-1.0-0.tar.bz2").TryGetProperty("revoked", out _));
        // Withdrawn files go right after the build publishes repodata.json.
        foreach (var name in new[] { "repodata_from_packages.json", "repodata_from_packages.json.zst", "repodata_from_packages.json.gz" })
        {
            var path = $"/get/{channel}/linux-64/{name}";
            for (var attempt = 0; attempt < 200 && await Published.GetAsync(alice, path) is not null; attempt++)
            {
                await Task.Delay(50);
            }

            Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task A_channel_without_patches_package_is_untouched()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        var content = await CondaPackages.BuildAsync("pkga", "1.0", depends: ["python"]);
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await CondaPackages.UploadAsync(alice, channel, "pkga-1.0-0.tar.bz2", content));

        var repodata = await Repodata.WaitForAsync(alice, channel, "linux-64", r => Repodata.Has(r, "packages", "pkga-1.0-0.tar.bz2"));

        var record = repodata.GetProperty("packages").GetProperty("pkga-1.0-0.tar.bz2");
        Assert.Equal(["python"], Published.Strings(record.GetProperty("depends")));
        Assert.Equal(CondaPackages.Sha256(content), record.GetProperty("sha256").GetString());
        Assert.Empty(repodata.GetProperty("removed").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"/get/{channel}/linux-64/repodata_from_packages.json")).StatusCode);
    }

    [Fact]
    public async Task Unusable_new_instructions_keep_the_last_good_patches_and_the_channel_indexed()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        await UploadPackagesAsync(alice, channel);
        await PatchesPackages.UploadAsync(alice, channel, "1", new Dictionary<string, string> { ["linux-64"] = LinuxInstructions });
        await Published.WaitForJsonAsync(alice, $"/get/{channel}/linux-64/repodata.json", Removed("pkgd-1.0-0.tar.bz2"));

        // Not JSON, then the wrong types, then an instruction version this server cannot understand.
        await PatchesPackages.UploadAsync(alice, channel, "2", new Dictionary<string, string> { ["linux-64"] = """{"packages": {"pkga-1.0-0.tar.bz2": """ });
        await PatchesPackages.UploadAsync(alice, channel, "3", new Dictionary<string, string> { ["linux-64"] = """{"remove": "pkgb-1.0-0.tar.bz2"}""" });
        await PatchesPackages.UploadAsync(alice, channel, "4", new Dictionary<string, string>
        {
            ["linux-64"] = """{"patch_instructions_version": 2, "remove": ["pkgb-1.0-0.tar.bz2"]}""",
        });
        await HttpAssert.StatusAsync(HttpStatusCode.Created,
            await CondaPackages.UploadAsync(alice, channel, "pkge-1.0-0.tar.bz2", await CondaPackages.BuildAsync("pkge", "1.0")));

        var repodata = Published.Json(await Published.WaitForJsonAsync(alice, $"/get/{channel}/linux-64/repodata.json",
            r => Repodata.Has(r, "packages", "pkge-1.0-0.tar.bz2")));
        Assert.Equal(["python >=3.8"], Depends(repodata, "packages", "pkga-1.0-0.tar.bz2"));
        Assert.True(Repodata.Has(repodata, "packages", "pkgb-1.0-0.tar.bz2"));
        Assert.Equal(["pkgd-1.0-0.conda", "pkgd-1.0-0.tar.bz2"], Published.Strings(repodata.GetProperty("removed")));
        Assert.True(repodata.GetProperty("packages").GetProperty("pkgc-1.0-0.tar.bz2").GetProperty("revoked").GetBoolean());
    }

    [Fact]
    public async Task A_channel_whose_only_patches_are_unusable_is_served_unpatched()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        await UploadPackagesAsync(alice, channel);
        await PatchesPackages.UploadAsync(alice, channel, "1", new Dictionary<string, string>
        {
            ["linux-64"] = """{"packages": {"pkga-1.0-0.tar.bz2": ["not", "an", "object"]}, "remove": ["pkgd-1.0-0.tar.bz2"]}""",
        });

        await Published.WaitForSiblingAsync(alice, $"/get/{channel}/linux-64/repodata_from_packages.json", ".gz");
        await HttpAssert.StatusAsync(HttpStatusCode.Created,
            await CondaPackages.UploadAsync(alice, channel, "pkge-1.0-0.tar.bz2", await CondaPackages.BuildAsync("pkge", "1.0")));
        var repodata = Published.Json(await Published.WaitForJsonAsync(alice, $"/get/{channel}/linux-64/repodata.json",
            r => Repodata.Has(r, "packages", "pkge-1.0-0.tar.bz2")));

        Assert.Equal(["python"], Depends(repodata, "packages", "pkga-1.0-0.tar.bz2"));
        Assert.True(Repodata.Has(repodata, "packages", "pkgd-1.0-0.tar.bz2"));
        Assert.Empty(repodata.GetProperty("removed").EnumerateArray());
    }

    /// <summary>linux-64: pkga (both formats), pkgb, pkgc and pkgd (both formats); noarch: nopkg.</summary>
    private static async Task UploadPackagesAsync(HttpClient client, string channel)
    {
        (string Name, PackageFormat Format, string[] Depends, string Subdir)[] packages =
        [
            ("pkga", PackageFormat.TarBz2, ["python"], "linux-64"),
            ("pkga", PackageFormat.Conda, ["python"], "linux-64"),
            ("pkgb", PackageFormat.TarBz2, [], "linux-64"),
            ("pkgc", PackageFormat.TarBz2, ["zlib"], "linux-64"),
            ("pkgd", PackageFormat.TarBz2, [], "linux-64"),
            ("pkgd", PackageFormat.Conda, [], "linux-64"),
            ("nopkg", PackageFormat.TarBz2, [], "noarch"),
        ];
        foreach (var (name, format, depends, subdir) in packages)
        {
            var content = await CondaPackages.BuildAsync(name, "1.0", subdir: subdir, format: format, depends: depends);
            await HttpAssert.StatusAsync(HttpStatusCode.Created,
                await CondaPackages.UploadAsync(client, channel, $"{name}-1.0-0{PackageFileName.ExtensionOf(format)}", content));
        }

        await Repodata.WaitForAsync(client, channel, "linux-64", r => r.GetProperty("packages").EnumerateObject().Count() == 4
            && r.GetProperty("packages.conda").EnumerateObject().Count() == 2);
    }

    private static Func<JsonElement, bool> Removed(string fileName) =>
        r => r.GetProperty("removed").EnumerateArray().Any(e => e.GetString() == fileName);

    private static string[] Depends(JsonElement repodata, string section, string fileName) =>
        Published.Strings(repodata.GetProperty(section).GetProperty(fileName).GetProperty("depends"));
}

public sealed class RepodataPatchingOnSqlite(PatchingOnSqliteServer server) : RepodataPatchingTests<PatchingOnSqliteServer>(server);

public sealed class RepodataPatchingOnPostgres(PatchingOnPostgresServer server) : RepodataPatchingTests<PatchingOnPostgresServer>(server);
