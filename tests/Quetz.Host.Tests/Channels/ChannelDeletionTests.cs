using System.Net;
using System.Net.Http.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Channels;

/// <summary>
/// DELETE /api/channels/{channel} (contract §2.3, §5.5, §18 B11): who may delete, what goes with the channel,
/// and that every channel kind can be deleted. dave is made a server maintainer here; bob and carol keep no server role.
/// </summary>
public abstract class ChannelDeletionTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    private async Task<string> ChannelWithAsync(string? bobsRole, bool isPrivate = false)
    {
        using var alice = server.WithKey(server.AliceKey);
        var name = ChannelApi.NewName();
        await ChannelApi.CreateAsync(alice, name, isPrivate);
        if (bobsRole is not null)
        {
            await ChannelApi.AddMemberAsync(alice, name, "bob", bobsRole);
        }

        return name;
    }

    private async Task AssertGoneAsync(string name)
    {
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StringDetailAsync(HttpStatusCode.NotFound, $"Channel {name} not found", await alice.GetAsync($"/api/channels/{name}"));
    }

    private async Task AssertStillThereAsync(string name)
    {
        using var alice = server.WithKey(server.AliceKey);
        await ChannelApi.GetAsync(alice, name);
    }

    [Theory]
    [InlineData("owner")]
    [InlineData("maintainer")]
    public async Task Channel_owners_and_maintainers_delete_the_channel(string bobsRole)
    {
        var name = await ChannelWithAsync(bobsRole, isPrivate: true);
        using var bob = await server.AsAsync("bob");

        await HttpAssert.NullAsync(HttpStatusCode.OK, await bob.DeleteAsync($"/api/channels/{name}"));

        await AssertGoneAsync(name);
        await HttpAssert.StringDetailAsync(HttpStatusCode.NotFound, $"Channel {name} not found", await bob.DeleteAsync($"/api/channels/{name}"));
    }

    [Theory]
    [InlineData("member")]
    [InlineData(null)]
    public async Task Channel_members_and_non_members_may_not_delete(string? bobsRole)
    {
        var name = await ChannelWithAsync(bobsRole);
        using var bob = await server.AsAsync("bob");

        await HttpAssert.StringDetailAsync(HttpStatusCode.Forbidden, "No permission", await bob.DeleteAsync($"/api/channels/{name}"));

        await AssertStillThereAsync(name);
    }

    [Fact]
    public async Task Non_members_of_a_private_channel_may_not_delete_it()
    {
        var name = await ChannelWithAsync(null, isPrivate: true);
        using var bob = await server.AsAsync("bob");

        await HttpAssert.StringDetailAsync(HttpStatusCode.Forbidden, "No permission", await bob.DeleteAsync($"/api/channels/{name}"));

        await AssertStillThereAsync(name);
    }

    [Fact]
    public async Task Anonymous_callers_may_not_delete()
    {
        var name = await ChannelWithAsync(null);
        using var anonymous = server.Anonymous();

        await HttpAssert.StringDetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await anonymous.DeleteAsync($"/api/channels/{name}"));

        await AssertStillThereAsync(name);
    }

    [Fact]
    public async Task A_server_maintainer_deletes_a_channel_it_is_not_a_member_of()
    {
        var name = await ChannelWithAsync(null, isPrivate: true);
        await ChannelApi.SetServerRoleAsync(server, "dave", "maintainer");
        using var dave = await server.AsAsync("dave");

        await HttpAssert.NullAsync(HttpStatusCode.OK, await dave.DeleteAsync($"/api/channels/{name.ToUpperInvariant()}"));

        await AssertGoneAsync(name);
    }

    [Fact]
    public async Task Packages_and_members_go_with_the_channel()
    {
        var name = await ChannelWithAsync("member");
        using var alice = server.WithKey(server.AliceKey);
        await ChannelApi.AddPackageAsync(alice, name, "test-package");

        await HttpAssert.NullAsync(HttpStatusCode.OK, await alice.DeleteAsync($"/api/channels/{name}"));

        await HttpAssert.StringDetailAsync(HttpStatusCode.NotFound, $"Channel {name} not found",
            await alice.GetAsync($"/api/channels/{name}/packages/test-package"));
        await ChannelApi.CreateAsync(alice, name, isPrivate: false);
        var recreated = await ChannelApi.GetAsync(alice, name);
        Assert.Equal(0, recreated.GetProperty("packages_count").GetInt32());
        Assert.Equal(1, recreated.GetProperty("members_count").GetInt32());
        Assert.Equal(new Dictionary<string, string> { ["alice"] = "owner" }, await ChannelApi.MembersAsync(alice, name));
        await HttpAssert.StringDetailAsync(HttpStatusCode.NotFound, $"Package {name}/test-package not found",
            await alice.GetAsync($"/api/channels/{name}/packages/test-package"));
    }

    [Theory]
    [InlineData("proxy")]
    [InlineData("mirror")]
    public async Task Mirror_and_proxy_channels_can_be_deleted(string mode)
    {
        using var alice = server.WithKey(server.AliceKey);
        var name = ChannelApi.NewName();
        await HttpAssert.NullAsync(HttpStatusCode.Created, await alice.PostAsJsonAsync("/api/channels",
            new { name, @private = false, mirror_channel_url = "http://upstream.invalid/get/x", mirror_mode = mode, actions = Array.Empty<string>() }));

        await HttpAssert.NullAsync(HttpStatusCode.OK, await alice.DeleteAsync($"/api/channels/{name}"));

        await AssertGoneAsync(name);
    }
}

public sealed class ChannelDeletionOnSqlite(SqliteQuetzServer server) : ChannelDeletionTests<SqliteQuetzServer>(server);

public sealed class ChannelDeletionOnPostgres(PostgresQuetzServer server) : ChannelDeletionTests<PostgresQuetzServer>(server);
