using System.Net;
using System.Text.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Packages;

public abstract class PackageListingTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    private static IEnumerable<string?> Names(JsonElement list) => list.EnumerateArray().Select(p => p.GetProperty("name").GetString());

    [Fact]
    public async Task Packages_are_listed_with_a_name_filter()
    {
        var channel = await server.CreateChannelAsync();
        foreach (var name in new[] { "numpy", "numba", "scipy" })
        {
            await server.CreatePackageAsync(channel, name);
        }

        using var client = server.Anonymous();
        Assert.Equal(["numba", "numpy", "scipy"],
            Names(await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync($"/api/channels/{channel}/packages"))));
        Assert.Equal(["numba", "numpy"],
            Names(await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync($"/api/channels/{channel}/packages?q=num"))));
    }

    [Fact]
    public async Task Paginated_packages_honour_order_by_in_both_directions()
    {
        var channel = await server.CreateChannelAsync();
        foreach (var name in new[] { "b", "a", "c" })
        {
            await server.CreatePackageAsync(channel, name);
        }

        await server.AddVersionAsync(channel, "b", "1.0");
        await server.AddVersionAsync(channel, "a", "1.0");
        await server.AddVersionAsync(channel, "c", "1.0");
        using var client = server.Anonymous();

        async Task<IEnumerable<string?>> PageAsync(string query)
        {
            var page = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync($"/api/paginated/channels/{channel}/packages?{query}"));
            Assert.Equal(3, page.GetProperty("pagination").GetProperty("all_records_count").GetInt32());
            return Names(page.GetProperty("result"));
        }

        Assert.Equal(["a", "b", "c"], await PageAsync("q=&order_by="));
        Assert.Equal(["c", "b", "a"], await PageAsync("order_by=name"));
        Assert.Equal(["a", "b", "c"], await PageAsync("order_by=name:asc"));
        Assert.Equal(["c", "a", "b"], await PageAsync("order_by=latest_change:desc"));
        Assert.Equal(["b", "a", "c"], await PageAsync("order_by=latest_change:asc"));
        Assert.Equal(["a", "b", "c"], await PageAsync("order_by=nonsense"));
        Assert.Equal(["b"], Names((await HttpAssert.StatusAsync(HttpStatusCode.OK,
            await client.GetAsync($"/api/paginated/channels/{channel}/packages?skip=1&limit=1"))).GetProperty("result")));
    }

    [Fact]
    public async Task Bad_paging_values_are_validation_errors()
    {
        var channel = await server.CreateChannelAsync();
        using var client = server.Anonymous();
        await HttpAssert.ValidationAsync("valid integer", await client.GetAsync($"/api/paginated/channels/{channel}/packages?limit=ten"));
        await HttpAssert.ValidationAsync("greater than or equal to 0", await client.GetAsync($"/api/paginated/channels/{channel}/packages?skip=-1"));
    }

    [Fact]
    public async Task Search_finds_packages_in_public_channels_and_private_ones_the_caller_belongs_to()
    {
        var tag = ChannelSetup.NewName("s");
        var open = await server.CreateChannelAsync();
        var closed = await server.CreateChannelAsync(isPrivate: true);
        await server.CreatePackageAsync(open, $"{tag}-frame");
        await server.CreatePackageAsync(open, $"{tag}-tool");
        await server.CreatePackageAsync(closed, $"{tag}-secret");
        await server.AddChannelMemberAsync(closed, "bob", "member");

        async Task<string[]> SearchAsync(HttpClient client, string q)
        {
            var found = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync("/api/packages/search/?q=" + Uri.EscapeDataString(q)));
            return found.EnumerateArray().Select(p => $"{p.GetProperty("channel_name").GetString()}/{p.GetProperty("name").GetString()}").ToArray();
        }

        using var anonymous = server.Anonymous();
        using var bob = await server.AsAsync("bob");
        Assert.Equal([$"{open}/{tag}-frame", $"{open}/{tag}-tool"], await SearchAsync(anonymous, tag));
        Assert.Equal([$"{open}/{tag}-frame", $"{closed}/{tag}-secret", $"{open}/{tag}-tool"], await SearchAsync(bob, tag));
        Assert.Equal([$"{open}/{tag}-tool"], await SearchAsync(anonymous, $"{tag} NOT frame"));
        Assert.Equal([$"{closed}/{tag}-secret"], await SearchAsync(bob, $"{tag} channel:{closed}"));
        Assert.Equal([$"{open}/{tag}-frame", $"{open}/{tag}-tool"], await SearchAsync(bob, $"{tag} -channel:{closed}"));

        var first = (await HttpAssert.StatusAsync(HttpStatusCode.OK, await anonymous.GetAsync("/api/packages/search?q=" + tag)))[0];
        Assert.Equal(["name", "summary", "description", "url", "platforms", "current_version", "latest_change", "channel_name"], HttpAssert.Keys(first));
    }
}

public sealed class PackageListingOnSqlite(SqliteQuetzServer server) : PackageListingTests<SqliteQuetzServer>(server);

public sealed class PackageListingOnPostgres(PostgresQuetzServer server) : PackageListingTests<PostgresQuetzServer>(server);
