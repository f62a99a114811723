using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Channels;

/// <summary>
/// PATCH /api/channels/{channel} (contract §2.3, §5.5, §18 B8, B9): what may change, who may change it, the
/// ChannelBase answer, and the channel kinds it serves. alice creates every channel; bob gets a channel role.
/// </summary>
public abstract class ChannelPatchTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
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

    [Fact]
    public async Task Private_and_ttl_change_and_the_answer_is_exactly_channel_base()
    {
        var name = await ChannelWithAsync("owner");
        using var bob = await server.AsAsync("bob");

        var body = await HttpAssert.StatusAsync(HttpStatusCode.OK, await ChannelApi.PatchAsync(bob, name, new { @private = true, ttl = 1200 }));

        Assert.Equal(ChannelApi.ChannelBaseKeys, HttpAssert.Keys(body));
        Assert.Equal(name, body.GetProperty("name").GetString());
        Assert.True(body.GetProperty("private").GetBoolean());
        Assert.Equal(1200, body.GetProperty("ttl").GetInt32());
        var stored = await ChannelApi.GetAsync(bob, name);
        Assert.True(stored.GetProperty("private").GetBoolean());
        Assert.Equal(1200, stored.GetProperty("ttl").GetInt32());
        using var anonymous = server.Anonymous();
        await HttpAssert.StatusAsync(HttpStatusCode.Unauthorized, await anonymous.GetAsync($"/api/channels/{name}"));
    }

    [Fact]
    public async Task Only_the_fields_sent_change()
    {
        var name = await ChannelWithAsync("maintainer");
        using var bob = await server.AsAsync("bob");
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await ChannelApi.PatchAsync(bob, name, new { ttl = 99 }));

        var body = await HttpAssert.StatusAsync(HttpStatusCode.OK, await ChannelApi.PatchAsync(bob, name, new { @private = true }));

        Assert.Equal(99, body.GetProperty("ttl").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("size_limit").ValueKind);
    }

    [Fact]
    public async Task Metadata_proxylist_may_be_patched()
    {
        var name = await ChannelWithAsync("owner");
        using var bob = await server.AsAsync("bob");

        var body = await HttpAssert.StatusAsync(HttpStatusCode.OK,
            await ChannelApi.PatchAsync(bob, name, new { metadata = new { proxylist = new[] { "numpy", "scipy" } } }));

        Assert.Equal(ChannelApi.ChannelBaseKeys, HttpAssert.Keys(body));
        Assert.Equal(name, body.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("name", "{\"name\": \"new-name\"}")]
    [InlineData("description", "{\"description\": \"new\"}")]
    [InlineData("mirror_channel_url", "{\"mirror_channel_url\": \"http://test\", \"mirror_mode\": \"proxy\"}")]
    [InlineData("name", "{\"ttl\": 5, \"name\": null}")]
    [InlineData("actions", "{\"actions\": [\"reindex\"]}")]
    public async Task Other_attributes_can_not_be_changed(string attribute, string body)
    {
        var name = await ChannelWithAsync("owner");
        using var bob = await server.AsAsync("bob");

        var response = await bob.PatchAsync($"/api/channels/{name}", ChannelApi.Json(body));

        await HttpAssert.StringDetailAsync(HttpStatusCode.UnprocessableEntity, $"attribute '{attribute}' of channel can not be changed", response);
        var stored = await ChannelApi.GetAsync(bob, name);
        Assert.Equal(36000, stored.GetProperty("ttl").GetInt32());
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("description").ValueKind);
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("mirror_mode").ValueKind);
    }

    [Fact]
    public async Task Keys_outside_the_channel_model_are_ignored_as_pydantic_ignores_them()
    {
        var name = await ChannelWithAsync("owner");
        using var bob = await server.AsAsync("bob");

        var body = await HttpAssert.StatusAsync(HttpStatusCode.OK,
            await bob.PatchAsync($"/api/channels/{name}", ChannelApi.Json("""{"ttl": 5, "members_count": 3, "colour": "blue"}""")));

        Assert.Equal(5, body.GetProperty("ttl").GetInt32());
        Assert.Equal(2, (await ChannelApi.GetAsync(bob, name)).GetProperty("members_count").GetInt32());
    }

    [Fact]
    public async Task A_body_without_content_type_is_read_as_JSON()
    {
        var name = await ChannelWithAsync("owner");
        using var bob = await server.AsAsync("bob");
        using var content = new ByteArrayContent("{\"ttl\": 3}"u8.ToArray());

        var body = await HttpAssert.StatusAsync(HttpStatusCode.OK, await bob.PatchAsync($"/api/channels/{name}", content));

        Assert.Equal(3, body.GetProperty("ttl").GetInt32());
    }

    [Fact]
    public async Task A_size_limit_needs_a_server_owner_or_maintainer_even_for_the_channel_owner()
    {
        var name = await ChannelWithAsync("owner");
        using var bob = await server.AsAsync("bob");
        using var alice = server.WithKey(server.AliceKey);

        await HttpAssert.DetailListAsync(HttpStatusCode.Forbidden, "only server maintainer or owner can set channel size limit",
            await ChannelApi.PatchAsync(bob, name, new { size_limit = 101 }));
        Assert.Equal(JsonValueKind.Null, (await ChannelApi.GetAsync(bob, name)).GetProperty("size_limit").ValueKind);

        var body = await HttpAssert.StatusAsync(HttpStatusCode.OK, await ChannelApi.PatchAsync(alice, name, new { size_limit = 101 }));
        Assert.Equal(101, body.GetProperty("size_limit").GetInt64());
        Assert.Equal(101, (await ChannelApi.GetAsync(bob, name)).GetProperty("size_limit").GetInt64());
    }

    [Theory]
    [InlineData("owner", HttpStatusCode.OK)]
    [InlineData("maintainer", HttpStatusCode.OK)]
    [InlineData("member", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Forbidden)]
    public async Task Channel_owners_and_maintainers_may_patch(string? bobsRole, HttpStatusCode expected)
    {
        var name = await ChannelWithAsync(bobsRole);
        using var bob = await server.AsAsync("bob");

        using var alice = server.WithKey(server.AliceKey);

        var response = await ChannelApi.PatchAsync(bob, name, new { ttl = 7 });

        await HttpAssert.StatusAsync(expected, response);
        Assert.Equal(expected == HttpStatusCode.OK ? 7 : 36000, (await ChannelApi.GetAsync(alice, name)).GetProperty("ttl").GetInt32());
    }

    [Fact]
    public async Task A_channel_member_is_told_no_permission()
    {
        var name = await ChannelWithAsync("member");
        using var bob = await server.AsAsync("bob");

        await HttpAssert.StringDetailAsync(HttpStatusCode.Forbidden, "No permission", await ChannelApi.PatchAsync(bob, name, new { ttl = 7 }));
    }

    [Fact]
    public async Task A_server_owner_who_is_not_a_member_may_patch()
    {
        var name = await ChannelWithAsync("owner");
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.NullAsync(HttpStatusCode.OK, await alice.DeleteAsync($"/api/channels/{name}/members?username=alice"));

        var body = await HttpAssert.StatusAsync(HttpStatusCode.OK, await ChannelApi.PatchAsync(alice, name, new { @private = true }));

        Assert.True(body.GetProperty("private").GetBoolean());
    }

    [Fact]
    public async Task Anonymous_callers_get_401_and_non_members_of_a_private_channel_403()
    {
        var publicChannel = await ChannelWithAsync(null);
        var privateChannel = await ChannelWithAsync(null, isPrivate: true);
        using var anonymous = server.Anonymous();
        using var bob = await server.AsAsync("bob");

        await HttpAssert.StringDetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await ChannelApi.PatchAsync(anonymous, publicChannel, new { ttl = 7 }));
        await HttpAssert.StringDetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await ChannelApi.PatchAsync(anonymous, privateChannel, new { ttl = 7 }));
        await HttpAssert.StringDetailAsync(HttpStatusCode.Forbidden, "No permission", await ChannelApi.PatchAsync(bob, privateChannel, new { ttl = 7 }));
    }

    [Fact]
    public async Task An_unknown_channel_is_404()
    {
        using var alice = server.WithKey(server.AliceKey);
        var name = ChannelApi.NewName();

        await HttpAssert.StringDetailAsync(HttpStatusCode.NotFound, $"Channel {name} not found", await ChannelApi.PatchAsync(alice, name, new { ttl = 7 }));
    }

    [Fact]
    public async Task Proxy_channels_can_not_be_patched_but_mirror_channels_can()
    {
        using var alice = server.WithKey(server.AliceKey);
        var proxy = ChannelApi.NewName();
        var mirror = ChannelApi.NewName();
        foreach (var (name, mode) in new[] { (proxy, "proxy"), (mirror, "mirror") })
        {
            await HttpAssert.NullAsync(HttpStatusCode.Created, await alice.PostAsJsonAsync("/api/channels",
                new { name, @private = false, mirror_channel_url = "http://upstream.invalid/get/x", mirror_mode = mode, actions = Array.Empty<string>() }));
        }

        await HttpAssert.StringDetailAsync(HttpStatusCode.MethodNotAllowed, "This method is not implemented for proxy channels",
            await ChannelApi.PatchAsync(alice, proxy, new { ttl = 7 }));
        var body = await HttpAssert.StatusAsync(HttpStatusCode.OK, await ChannelApi.PatchAsync(alice, mirror, new { ttl = 7 }));
        Assert.Equal("mirror", body.GetProperty("mirror_mode").GetString());
        Assert.Equal(7, body.GetProperty("ttl").GetInt32());
    }

    [Theory]
    [InlineData("{\"ttl\": ")]
    [InlineData("[]")]
    [InlineData("{\"private\": null}")]
    [InlineData("{\"private\": \"maybe\"}")]
    [InlineData("{\"ttl\": \"soon\"}")]
    [InlineData("{\"size_limit\": -1}")]
    [InlineData("{\"metadata\": {\"proxylist\": \"numpy\"}}")]
    public async Task Malformed_bodies_are_validation_errors_and_change_nothing(string body)
    {
        var name = await ChannelWithAsync("owner");
        using var alice = server.WithKey(server.AliceKey);

        var response = await alice.PatchAsync($"/api/channels/{name}", ChannelApi.Json(body));

        var detail = (await HttpAssert.StatusAsync(HttpStatusCode.UnprocessableEntity, response)).GetProperty("detail");
        Assert.Equal(JsonValueKind.Array, detail.ValueKind);
        var stored = await ChannelApi.GetAsync(alice, name);
        Assert.False(stored.GetProperty("private").GetBoolean());
        Assert.Equal(36000, stored.GetProperty("ttl").GetInt32());
    }
}

public sealed class ChannelPatchOnSqlite(SqliteQuetzServer server) : ChannelPatchTests<SqliteQuetzServer>(server);

public sealed class ChannelPatchOnPostgres(PostgresQuetzServer server) : ChannelPatchTests<PostgresQuetzServer>(server);
