using System.Net;
using System.Net.Http.Json;
using Quetz.Conda.Archives;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Upload;

public abstract class UploadTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    [Fact]
    public async Task A_raw_upload_lands_in_repodata_with_size_and_hashes()
    {
        var channel = await server.CreateChannelAsync();
        var package = await CondaPackages.BuildAsync("test-package", "0.1");
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.NullAsync(HttpStatusCode.Created, await CondaPackages.UploadAsync(alice, channel, "test-package-0.1-0.tar.bz2", package));

        var repodata = await Repodata.WaitForAsync(alice, channel, "linux-64", r => Repodata.Has(r, "packages", "test-package-0.1-0.tar.bz2"));
        var record = repodata.GetProperty("packages").GetProperty("test-package-0.1-0.tar.bz2");
        Assert.Equal(package.Length, record.GetProperty("size").GetInt64());
        Assert.Equal(CondaPackages.Sha256(package), record.GetProperty("sha256").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(package)), record.GetProperty("md5").GetString());
        Assert.True(record.GetProperty("time_modified").GetInt64() > 1_600_000_000);
        Assert.Equal("linux-64", repodata.GetProperty("info").GetProperty("subdir").GetString());
        Assert.Equal(1, repodata.GetProperty("repodata_version").GetInt32());

        Assert.Equal(package, await alice.GetByteArrayAsync($"/get/{channel}/linux-64/test-package-0.1-0.tar.bz2"));
        var versions = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/channels/{channel}/packages/test-package/versions"));
        Assert.Equal("Alice", versions[0].GetProperty("uploader").GetProperty("name").GetString());
        var pkg = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/channels/{channel}/packages/test-package"));
        Assert.Equal("0.1", pkg.GetProperty("current_version").GetString());
        Assert.Equal("https://example.org/test-package", pkg.GetProperty("url").GetString());
        Assert.Equal(["linux-64"], pkg.GetProperty("platforms").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task A_conda_package_goes_to_packages_conda_and_both_formats_count_for_the_current_version()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await CondaPackages.UploadAsync(alice, channel, "other-package-0.1-0.tar.bz2",
            await CondaPackages.BuildAsync("other-package", "0.1", subdir: "noarch")));
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await CondaPackages.UploadAsync(alice, channel, "other-package-0.2-0.conda",
            await CondaPackages.BuildAsync("other-package", "0.2", subdir: "noarch", format: PackageFormat.Conda)));

        var repodata = await Repodata.WaitForAsync(alice, channel, "noarch", r => Repodata.Has(r, "packages.conda", "other-package-0.2-0.conda"));
        Assert.True(Repodata.Has(repodata, "packages", "other-package-0.1-0.tar.bz2"));
        var pkg = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/channels/{channel}/packages/other-package"));
        Assert.Equal("0.2", pkg.GetProperty("current_version").GetString());
    }

    [Fact]
    public async Task A_wrong_sha256_is_406_and_leaves_nothing_behind()
    {
        var channel = await server.CreateChannelAsync();
        var package = await CondaPackages.BuildAsync("test-package", "0.1");
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.DetailAsync(HttpStatusCode.NotAcceptable, "Wrong SHA256 checksum",
            await CondaPackages.UploadAsync(alice, channel, "test-package-0.1-0.tar.bz2", package, sha256: new string('0', 64)));
        await AssertNothingStoredAsync(alice, channel, "test-package");
    }

    [Fact]
    public async Task A_file_name_that_disagrees_with_index_json_is_400_and_leaves_nothing_behind()
    {
        var channel = await server.CreateChannelAsync();
        var package = await CondaPackages.BuildAsync("test-package", "0.1");
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.DetailAsync(HttpStatusCode.BadRequest, "package file name and info files do not match my-package-0.1-0.tar.bz2",
            await CondaPackages.UploadAsync(alice, channel, "my-package-0.1-0.tar.bz2", package));
        await HttpAssert.DetailAsync(HttpStatusCode.BadRequest, "package file name has wrong format package.tar.bz2",
            await CondaPackages.UploadAsync(alice, channel, "package.tar.bz2", package));
        await AssertNothingStoredAsync(alice, channel, "my-package");
    }

    [Fact]
    public async Task A_duplicate_is_409_and_force_replaces_it_with_new_hashes()
    {
        var channel = await server.CreateChannelAsync();
        var first = await CondaPackages.BuildAsync("test-package", "0.1", payload: "first");
        var second = await CondaPackages.BuildAsync("test-package", "0.1", payload: "second, different bytes");
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await CondaPackages.UploadAsync(alice, channel, "test-package-0.1-0.tar.bz2", first));
        var before = await Repodata.WaitForAsync(alice, channel, "linux-64", r => Repodata.Has(r, "packages", "test-package-0.1-0.tar.bz2"));

        await HttpAssert.DetailAsync(HttpStatusCode.Conflict, "Duplicate",
            await CondaPackages.UploadAsync(alice, channel, "test-package-0.1-0.tar.bz2", second));
        await HttpAssert.StatusAsync(HttpStatusCode.Created,
            await CondaPackages.UploadAsync(alice, channel, "test-package-0.1-0.tar.bz2", second, force: true));

        var after = await Repodata.WaitForAsync(alice, channel, "linux-64",
            r => r.GetProperty("packages").GetProperty("test-package-0.1-0.tar.bz2").GetProperty("sha256").GetString() == CondaPackages.Sha256(second));
        Assert.NotEqual(before.GetProperty("packages").GetProperty("test-package-0.1-0.tar.bz2").GetProperty("md5").GetString(),
            after.GetProperty("packages").GetProperty("test-package-0.1-0.tar.bz2").GetProperty("md5").GetString());
        Assert.Equal(second, await alice.GetByteArrayAsync($"/get/{channel}/linux-64/test-package-0.1-0.tar.bz2"));
        var versions = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/channels/{channel}/packages/test-package/versions"));
        Assert.Equal(1, versions.GetArrayLength());
    }

    [Fact]
    public async Task Multipart_uploads_take_several_files_and_a_force_field()
    {
        var channel = await server.CreateChannelAsync();
        var a = await CondaPackages.BuildAsync("test-package", "0.1");
        var b = await CondaPackages.BuildAsync("test-package", "0.2");
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.NullAsync(HttpStatusCode.Created, await CondaPackages.PostFilesAsync(alice, $"/api/channels/{channel}/files/",
            [("test-package-0.1-0.tar.bz2", a), ("test-package-0.2-0.tar.bz2", b)]));
        await HttpAssert.DetailAsync(HttpStatusCode.Conflict, "Duplicate",
            await CondaPackages.PostFilesAsync(alice, $"/api/channels/{channel}/files", [("test-package-0.1-0.tar.bz2", a)]));
        await HttpAssert.StatusAsync(HttpStatusCode.Created,
            await CondaPackages.PostFilesAsync(alice, $"/api/channels/{channel}/files", [("test-package-0.1-0.tar.bz2", a)], force: true));

        var repodata = await Repodata.WaitForAsync(alice, channel, "linux-64", r => Repodata.Has(r, "packages", "test-package-0.2-0.tar.bz2"));
        Assert.True(Repodata.Has(repodata, "packages", "test-package-0.1-0.tar.bz2"));
    }

    [Fact]
    public async Task The_package_route_refuses_files_of_another_package()
    {
        var channel = await server.CreateChannelAsync();
        await server.CreatePackageAsync(channel, "test-package");
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.DetailAsync(HttpStatusCode.BadRequest, "requested package endpoint 'test-package' does not match the uploaded package name 'other-package'",
            await CondaPackages.PostFilesAsync(alice, $"/api/channels/{channel}/packages/test-package/files/",
                [("other-package-0.1-0.tar.bz2", await CondaPackages.BuildAsync("other-package", "0.1"))]));
        await HttpAssert.StatusAsync(HttpStatusCode.Created,
            await CondaPackages.PostFilesAsync(alice, $"/api/channels/{channel}/packages/test-package/files/",
                [("test-package-0.1-0.tar.bz2", await CondaPackages.BuildAsync("test-package", "0.1"))]));
    }

    [Fact]
    public async Task A_channel_over_its_quota_refuses_the_upload()
    {
        var channel = ChannelSetup.NewName();
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await alice.PostAsJsonAsync("/api/channels", new { name = channel, @private = false, size_limit = 0 }));
        var response = await CondaPackages.UploadAsync(alice, channel, "test-package-0.1-0.tar.bz2", await CondaPackages.BuildAsync("test-package", "0.1"));
        await HttpAssert.DetailAsync(HttpStatusCode.UnprocessableEntity, $"{channel} is above quota of 0 bytes", response);
        await AssertNothingStoredAsync(alice, channel, "test-package");
    }

    [Fact]
    public async Task A_scoped_key_upload_is_credited_to_the_keys_owner()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        var created = await HttpAssert.StatusAsync(HttpStatusCode.Created, await alice.PostAsJsonAsync("/api/api-keys",
            new { description = "ci", roles = new[] { new { channel, role = "maintainer" } } }));
        using var scoped = server.WithKey(created.GetProperty("key").GetString()!);
        await HttpAssert.StatusAsync(HttpStatusCode.Created,
            await CondaPackages.UploadAsync(scoped, channel, "test-package-0.1-0.tar.bz2", await CondaPackages.BuildAsync("test-package", "0.1")));

        var versions = await HttpAssert.StatusAsync(HttpStatusCode.OK, await scoped.GetAsync($"/api/channels/{channel}/packages/test-package/versions"));
        Assert.Equal("Alice", versions[0].GetProperty("uploader").GetProperty("name").GetString());
        var members = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/channels/{channel}/packages/test-package/members"));
        Assert.Equal("alice", members[0].GetProperty("user").GetProperty("username").GetString());
    }

    [Theory]
    [InlineData("maintainer", null, false, HttpStatusCode.Created)]
    [InlineData("member", null, false, HttpStatusCode.Forbidden)]
    [InlineData(null, "maintainer", false, HttpStatusCode.Created)]
    [InlineData(null, "member", false, HttpStatusCode.Forbidden)]
    [InlineData("maintainer", null, true, HttpStatusCode.Forbidden)]
    [InlineData("owner", null, true, HttpStatusCode.Created)]
    [InlineData(null, "owner", true, HttpStatusCode.Created)]
    public async Task Who_may_upload(string? channelRole, string? packageRole, bool force, HttpStatusCode expected)
    {
        var channel = await server.CreateChannelAsync();
        await server.CreatePackageAsync(channel, "test-package");
        if (channelRole is not null)
        {
            await server.AddChannelMemberAsync(channel, "bob", channelRole);
        }

        if (packageRole is not null)
        {
            await server.AddPackageMemberAsync(channel, "test-package", "bob", packageRole);
        }

        using var bob = await server.AsAsync("bob");
        var files = new[] { ("test-package-0.1-0.tar.bz2", await CondaPackages.BuildAsync("test-package", "0.1")) };
        await HttpAssert.StatusAsync(expected, await CondaPackages.PostFilesAsync(bob, $"/api/channels/{channel}/files/", files, force));
        await HttpAssert.StatusAsync(expected, await CondaPackages.UploadAsync(bob, channel, "test-package-0.2-0.tar.bz2",
            await CondaPackages.BuildAsync("test-package", "0.2"), force));
    }

    [Fact]
    public async Task Anonymous_uploads_are_401_and_proxy_channels_405()
    {
        var channel = await server.CreateChannelAsync();
        var package = await CondaPackages.BuildAsync("test-package", "0.1");
        using var anonymous = server.Anonymous();
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in",
            await CondaPackages.UploadAsync(anonymous, channel, "test-package-0.1-0.tar.bz2", package));

        var proxy = ChannelSetup.NewName();
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await alice.PostAsJsonAsync("/api/channels",
            new { name = proxy, @private = false, mirror_channel_url = "http://127.0.0.1:9/get/x", mirror_mode = "proxy" }));
        await HttpAssert.DetailAsync(HttpStatusCode.MethodNotAllowed, "This method is not implemented for proxy channels",
            await CondaPackages.UploadAsync(alice, proxy, "test-package-0.1-0.tar.bz2", package));
    }

    private static async Task AssertNothingStoredAsync(HttpClient client, string channel, string package)
    {
        await HttpAssert.StatusAsync(HttpStatusCode.NotFound, await client.GetAsync($"/api/channels/{channel}/packages/{package}"));
        var listing = await client.GetStringAsync($"/get/{channel}/");
        Assert.DoesNotContain(package, listing, StringComparison.Ordinal);
        await HttpAssert.StatusAsync(HttpStatusCode.NotFound, await client.GetAsync($"/get/{channel}/linux-64/{package}-0.1-0.tar.bz2"));
        var channelInfo = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync($"/api/channels/{channel}"));
        Assert.Equal(0, channelInfo.GetProperty("packages_count").GetInt32());
    }
}

public sealed class UploadOnSqlite(SqliteQuetzServer server) : UploadTests<SqliteQuetzServer>(server);

public sealed class UploadOnPostgres(PostgresQuetzServer server) : UploadTests<PostgresQuetzServer>(server);
