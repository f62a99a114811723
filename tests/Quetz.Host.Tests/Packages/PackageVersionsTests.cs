using System.Net;
using System.Text.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Packages;

public abstract class PackageVersionsTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    private static async Task<JsonElement> VersionsAsync(HttpClient client, string channel, string package, string query = "") =>
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync($"/api/channels/{channel}/packages/{package}/versions{query}"));

    [Fact]
    public async Task Versions_are_listed_newest_first_with_quetz_keys()
    {
        var channel = await server.CreateChannelAsync();
        await server.CreatePackageAsync(channel, "pkg");
        await server.AddVersionAsync(channel, "pkg", "0.1");
        await server.AddVersionAsync(channel, "pkg", "0.2");
        using var client = server.Anonymous();

        var versions = await VersionsAsync(client, channel, "pkg");
        Assert.Equal(["0.2", "0.1"], versions.EnumerateArray().Select(v => v.GetProperty("version").GetString()));
        var first = versions[0];
        Assert.Equal(["id", "channel_name", "package_name", "platform", "version", "build_string", "build_number", "filename", "info",
            "uploader", "time_created", "download_count"], HttpAssert.Keys(first));
        Assert.Equal("pkg-0.2-0.tar.bz2", first.GetProperty("filename").GetString());
        Assert.Equal("Alice", first.GetProperty("uploader").GetProperty("name").GetString());
        Assert.Equal("/avatar.jpg", first.GetProperty("uploader").GetProperty("avatar_url").GetString());
        Assert.Equal("0.2", first.GetProperty("info").GetProperty("version").GetString());
        Assert.Equal(0, first.GetProperty("download_count").GetInt32());
    }

    [Fact]
    public async Task Versions_order_as_conda_orders_them_not_as_strings()
    {
        var channel = await server.CreateChannelAsync();
        await server.CreatePackageAsync(channel, "pkg");
        foreach (var version in new[] { "1.9", "1.10", "1.10rc1", "1.2", "1.10.post1" })
        {
            await server.AddVersionAsync(channel, "pkg", version);
        }

        using var client = server.Anonymous();
        var versions = await VersionsAsync(client, channel, "pkg");
        Assert.Equal(["1.10.post1", "1.10", "1.10rc1", "1.9", "1.2"], versions.EnumerateArray().Select(v => v.GetProperty("version").GetString()));
        var package = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync($"/api/channels/{channel}/packages/pkg"));
        Assert.Equal("1.10.post1", package.GetProperty("current_version").GetString());
    }

    [Fact]
    public async Task The_current_version_spans_formats_and_platforms()
    {
        var channel = await server.CreateChannelAsync();
        await server.CreatePackageAsync(channel, "pkg");
        await server.AddVersionAsync(channel, "pkg", "1.0", platform: "linux-64");
        await server.AddVersionAsync(channel, "pkg", "2.0", platform: "noarch", format: "conda");
        await server.AddVersionAsync(channel, "pkg", "1.5", platform: "osx-64");
        using var client = server.Anonymous();

        var package = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync($"/api/channels/{channel}/packages/pkg"));
        Assert.Equal("2.0", package.GetProperty("current_version").GetString());
        Assert.NotEqual(JsonValueKind.Null, package.GetProperty("latest_change").ValueKind);
    }

    [Fact]
    public async Task Deleting_the_newest_version_makes_the_previous_one_current_and_the_last_one_removes_the_package()
    {
        var channel = await server.CreateChannelAsync();
        await server.CreatePackageAsync(channel, "pkg");
        await server.AddVersionAsync(channel, "pkg", "0.1");
        await server.AddVersionAsync(channel, "pkg", "0.2");
        using var alice = server.WithKey(server.AliceKey);

        var package = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/channels/{channel}/packages/pkg"));
        Assert.Equal("0.2", package.GetProperty("current_version").GetString());

        await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.DeleteAsync($"/api/channels/{channel}/packages/pkg/versions/linux-64/pkg-0.2-0.tar.bz2"));
        package = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/channels/{channel}/packages/pkg"));
        Assert.Equal("0.1", package.GetProperty("current_version").GetString());

        await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.DeleteAsync($"/api/channels/{channel}/packages/pkg/versions/linux-64/pkg-0.1-0.tar.bz2"));
        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, $"Package {channel}/pkg not found", await alice.GetAsync($"/api/channels/{channel}/packages/pkg"));
    }

    [Fact]
    public async Task One_version_is_found_by_platform_and_filename()
    {
        var channel = await server.CreateChannelAsync();
        await server.CreatePackageAsync(channel, "pkg");
        await server.AddVersionAsync(channel, "pkg", "0.1", platform: "osx-arm64");
        using var client = server.Anonymous();

        var version = await HttpAssert.StatusAsync(HttpStatusCode.OK,
            await client.GetAsync($"/api/channels/{channel}/packages/pkg/versions/osx-arm64/pkg-0.1-0.tar.bz2"));
        Assert.Equal("osx-arm64", version.GetProperty("platform").GetString());
        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, "package version linux-64/pkg-0.1-0.tar.bz2 not found",
            await client.GetAsync($"/api/channels/{channel}/packages/pkg/versions/linux-64/pkg-0.1-0.tar.bz2"));
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, "Package version not found",
            await alice.DeleteAsync($"/api/channels/{channel}/packages/pkg/versions/linux-64/pkg-0.1-0.tar.bz2"));
    }

    [Fact]
    public async Task Versions_filter_by_creation_time_and_by_conda_version_spec()
    {
        var channel = await server.CreateChannelAsync();
        await server.CreatePackageAsync(channel, "pkg");
        foreach (var version in new[] { "1.0", "1.5", "2.0", "2.1" })
        {
            await server.AddVersionAsync(channel, "pkg", version);
        }

        using var client = server.Anonymous();
        var matching = await VersionsAsync(client, channel, "pkg", "?version_match_str=" + Uri.EscapeDataString(">=1.5,<2.1"));
        Assert.Equal(["2.0", "1.5"], matching.EnumerateArray().Select(v => v.GetProperty("version").GetString()));

        var all = await VersionsAsync(client, channel, "pkg", "?time_created__ge=2000-01-01T00:00:00");
        Assert.Equal(4, all.GetArrayLength());
        var none = await VersionsAsync(client, channel, "pkg", "?time_created__ge=2999-01-01T00:00:00");
        Assert.Equal(0, none.GetArrayLength());

        await HttpAssert.ValidationAsync("valid datetime", await client.GetAsync($"/api/channels/{channel}/packages/pkg/versions?time_created__ge=yesterday"));
        await HttpAssert.StatusAsync(HttpStatusCode.UnprocessableEntity,
            await client.GetAsync($"/api/channels/{channel}/packages/pkg/versions?version_match_str=" + Uri.EscapeDataString(">=1.0,,<<2")));
    }

    [Fact]
    public async Task Paginated_versions_page_until_an_empty_result()
    {
        var channel = await server.CreateChannelAsync();
        await server.CreatePackageAsync(channel, "pkg");
        foreach (var version in new[] { "1", "2", "3" })
        {
            await server.AddVersionAsync(channel, "pkg", version);
        }

        using var client = server.Anonymous();
        var seen = new List<string?>();
        for (var skip = 0; ; skip += 2)
        {
            var page = await HttpAssert.StatusAsync(HttpStatusCode.OK,
                await client.GetAsync($"/api/paginated/channels/{channel}/packages/pkg/versions?skip={skip}&limit=2"));
            Assert.Equal(3, page.GetProperty("pagination").GetProperty("all_records_count").GetInt32());
            var result = page.GetProperty("result");
            if (result.GetArrayLength() == 0)
            {
                break;
            }

            seen.AddRange(result.EnumerateArray().Select(v => v.GetProperty("version").GetString()));
        }

        Assert.Equal(["3", "2", "1"], seen);
        var everything = await HttpAssert.StatusAsync(HttpStatusCode.OK,
            await client.GetAsync($"/api/paginated/channels/{channel}/packages/pkg/versions?limit=-1"));
        Assert.Equal(3, everything.GetProperty("result").GetArrayLength());
    }
}

public sealed class PackageVersionsOnSqlite(SqliteQuetzServer server) : PackageVersionsTests<SqliteQuetzServer>(server);

public sealed class PackageVersionsOnPostgres(PostgresQuetzServer server) : PackageVersionsTests<PostgresQuetzServer>(server);
