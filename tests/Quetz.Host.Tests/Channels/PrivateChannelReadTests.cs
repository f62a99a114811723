using System.Net;
using System.Net.Http.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Channels;

/// <summary>
/// Reads of a private channel (contract §2 Read(c), §5.3, §18 B12; quetz's test_auth.py::test_private_channels):
/// anonymous 401, non-member 403, member 200 — and for the member list, owner or maintainer only. Each test makes
/// its own private channel with package test-package; bob is a channel member, carol a channel maintainer.
/// </summary>
public abstract class PrivateChannelReadTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    private async Task<string> PrivateChannelAsync(bool isPrivate = true)
    {
        using var alice = server.WithKey(server.AliceKey);
        var name = ChannelApi.NewName();
        await ChannelApi.CreateAsync(alice, name, isPrivate);
        await ChannelApi.AddPackageAsync(alice, name, "test-package");
        await ChannelApi.AddMemberAsync(alice, name, "bob", "member");
        await ChannelApi.AddMemberAsync(alice, name, "carol", "maintainer");
        return name;
    }

    private static string PathFor(string template, string channel) => template.Replace("{c}", channel, StringComparison.Ordinal);

    [Theory]
    [InlineData("/api/channels/{c}")]
    [InlineData("/api/channels/{c}/packages")]
    [InlineData("/api/paginated/channels/{c}/packages")]
    [InlineData("/api/channels/{c}/packages/test-package")]
    [InlineData("/api/channels/{c}/packages/test-package/versions")]
    [InlineData("/api/paginated/channels/{c}/packages/test-package/versions")]
    [InlineData("/api/channels/{c}/packages/test-package/members")]
    [InlineData("/api/channels/{c}/members")]
    public async Task Anonymous_callers_get_401(string template)
    {
        var name = await PrivateChannelAsync();
        using var anonymous = server.Anonymous();

        await HttpAssert.StringDetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await anonymous.GetAsync(PathFor(template, name)));
    }

    [Theory]
    [InlineData("/api/channels/{c}")]
    [InlineData("/api/channels/{c}/packages")]
    [InlineData("/api/channels/{c}/packages/test-package")]
    [InlineData("/api/channels/{c}/packages/test-package/versions")]
    [InlineData("/api/channels/{c}/packages/test-package/members")]
    [InlineData("/api/channels/{c}/members")]
    public async Task A_bogus_key_is_anonymous_even_with_a_member_session(string template)
    {
        var name = await PrivateChannelAsync();
        using var bob = await server.LoggedInAsync("bob");
        bob.DefaultRequestHeaders.Add("X-API-Key", "bogus" + Guid.NewGuid().ToString("N"));

        await HttpAssert.StringDetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await bob.GetAsync(PathFor(template, name)));
    }

    [Theory]
    [InlineData("/api/channels/{c}")]
    [InlineData("/api/channels/{c}/packages")]
    [InlineData("/api/paginated/channels/{c}/packages")]
    [InlineData("/api/channels/{c}/packages/test-package")]
    [InlineData("/api/channels/{c}/packages/test-package/versions")]
    [InlineData("/api/paginated/channels/{c}/packages/test-package/versions")]
    [InlineData("/api/channels/{c}/packages/test-package/members")]
    [InlineData("/api/channels/{c}/members")]
    public async Task Non_members_get_403(string template)
    {
        var name = await PrivateChannelAsync();
        using var dave = await server.AsAsync("dave");

        await HttpAssert.StringDetailAsync(HttpStatusCode.Forbidden, "No permission", await dave.GetAsync(PathFor(template, name)));
    }

    [Theory]
    [InlineData("/api/channels/{c}")]
    [InlineData("/api/channels/{c}/packages")]
    [InlineData("/api/paginated/channels/{c}/packages")]
    [InlineData("/api/channels/{c}/packages/test-package")]
    [InlineData("/api/channels/{c}/packages/test-package/versions")]
    [InlineData("/api/paginated/channels/{c}/packages/test-package/versions")]
    [InlineData("/api/channels/{c}/packages/test-package/members")]
    public async Task Channel_members_read_with_a_key_or_a_session(string template)
    {
        var name = await PrivateChannelAsync();
        using var bobsKey = await server.AsAsync("bob");
        using var bobsSession = await server.LoggedInAsync("bob");
        using var carol = await server.AsAsync("carol");

        await HttpAssert.StatusAsync(HttpStatusCode.OK, await bobsKey.GetAsync(PathFor(template, name)));
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await bobsSession.GetAsync(PathFor(template, name)));
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await carol.GetAsync(PathFor(template, name)));
    }

    [Fact]
    public async Task What_a_member_reads_is_the_channel_and_its_package()
    {
        var name = await PrivateChannelAsync();
        using var bob = await server.AsAsync("bob");

        var channel = await ChannelApi.GetAsync(bob, name);
        var package = await HttpAssert.StatusAsync(HttpStatusCode.OK, await bob.GetAsync($"/api/channels/{name}/packages/test-package"));
        var versions = await HttpAssert.StatusAsync(HttpStatusCode.OK, await bob.GetAsync($"/api/channels/{name}/packages/test-package/versions"));
        var packageMembers = await HttpAssert.StatusAsync(HttpStatusCode.OK, await bob.GetAsync($"/api/channels/{name}/packages/test-package/members"));

        Assert.Equal(name, channel.GetProperty("name").GetString());
        Assert.True(channel.GetProperty("private").GetBoolean());
        Assert.Equal((3, 1), (channel.GetProperty("members_count").GetInt32(), channel.GetProperty("packages_count").GetInt32()));
        Assert.Equal("test-package", package.GetProperty("name").GetString());
        Assert.Equal(0, versions.GetArrayLength());
        Assert.Equal("alice", Assert.Single(packageMembers.EnumerateArray()).GetProperty("user").GetProperty("username").GetString());
    }

    [Fact]
    public async Task The_member_list_needs_a_channel_owner_or_maintainer_not_a_member()
    {
        var name = await PrivateChannelAsync();
        using var bob = await server.AsAsync("bob");
        using var carol = await server.AsAsync("carol");

        await HttpAssert.StringDetailAsync(HttpStatusCode.Forbidden, "No permission", await bob.GetAsync($"/api/channels/{name}/members"));
        Assert.Equal(new Dictionary<string, string> { ["alice"] = "owner", ["bob"] = "member", ["carol"] = "maintainer" },
            await ChannelApi.MembersAsync(carol, name));
    }

    [Fact]
    public async Task A_package_member_reads_the_package_but_not_the_channel()
    {
        var name = await PrivateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.Created,
            await alice.PostAsJsonAsync($"/api/channels/{name}/packages/test-package/members", new { username = "dave", role = "member" }));
        using var dave = await server.AsAsync("dave");

        await HttpAssert.StatusAsync(HttpStatusCode.OK, await dave.GetAsync($"/api/channels/{name}/packages/test-package"));
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await dave.GetAsync($"/api/channels/{name}/packages/test-package/versions"));
        await HttpAssert.StringDetailAsync(HttpStatusCode.Forbidden, "No permission", await dave.GetAsync($"/api/channels/{name}"));
        await HttpAssert.StringDetailAsync(HttpStatusCode.Forbidden, "No permission", await dave.GetAsync($"/api/channels/{name}/packages"));
    }

    [Fact]
    public async Task A_scoped_key_reads_its_channel_but_no_other_private_channel()
    {
        var name = await PrivateChannelAsync();
        var other = await PrivateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        var created = await HttpAssert.StatusAsync(HttpStatusCode.Created, await alice.PostAsJsonAsync("/api/api-keys",
            new { description = "scoped", roles = new[] { new { channel = name, role = "member" } } }));
        using var scoped = server.WithKey(created.GetProperty("key").GetString()!);

        await ChannelApi.GetAsync(scoped, name);
        await HttpAssert.StringDetailAsync(HttpStatusCode.Forbidden, "No permission", await scoped.GetAsync($"/api/channels/{other}"));
    }

    [Fact]
    public async Task A_server_owner_reads_without_being_a_member()
    {
        var name = await PrivateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.NullAsync(HttpStatusCode.OK, await alice.DeleteAsync($"/api/channels/{name}/members?username=alice"));

        await ChannelApi.GetAsync(alice, name);
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/channels/{name}/packages/test-package/versions"));
        Assert.Equal(new Dictionary<string, string> { ["bob"] = "member", ["carol"] = "maintainer" }, await ChannelApi.MembersAsync(alice, name));
    }

    [Theory]
    [InlineData("/api/channels/{c}")]
    [InlineData("/api/channels/{c}/packages/test-package")]
    [InlineData("/api/channels/{c}/packages/test-package/versions")]
    [InlineData("/api/channels/{c}/packages/test-package/members")]
    public async Task The_same_reads_are_open_to_anyone_on_a_public_channel(string template)
    {
        var name = await PrivateChannelAsync(isPrivate: false);
        using var anonymous = server.Anonymous();

        await HttpAssert.StatusAsync(HttpStatusCode.OK, await anonymous.GetAsync(PathFor(template, name)));
    }
}

public sealed class PrivateChannelReadOnSqlite(SqliteQuetzServer server) : PrivateChannelReadTests<SqliteQuetzServer>(server);

public sealed class PrivateChannelReadOnPostgres(PostgresQuetzServer server) : PrivateChannelReadTests<PostgresQuetzServer>(server);
