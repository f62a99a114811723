using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Channels;

/// <summary>
/// /api/channels/{channel}/members (contract §2.4, §5.4, §5.5, §18 C1–C5): adding (an upsert), removing and
/// listing members, the checks' order, and scoped API keys' users staying out of the list. alice creates every
/// channel and so owns it.
/// </summary>
public abstract class ChannelMembersTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    private async Task<string> ChannelAsync(bool isPrivate = false)
    {
        using var alice = server.WithKey(server.AliceKey);
        var name = ChannelApi.NewName();
        await ChannelApi.CreateAsync(alice, name, isPrivate);
        return name;
    }

    private static Task<HttpResponseMessage> PostMemberAsync(HttpClient client, string channel, string username, string role) =>
        client.PostAsJsonAsync($"/api/channels/{channel}/members", new { username, role });

    [Theory]
    [InlineData("owner")]
    [InlineData("maintainer")]
    [InlineData("member")]
    public async Task The_channel_owner_adds_members_with_any_role(string role)
    {
        var name = await ChannelAsync();
        using var alice = server.WithKey(server.AliceKey);

        await HttpAssert.NullAsync(HttpStatusCode.Created, await PostMemberAsync(alice, name, "bob", role));

        Assert.Equal(new Dictionary<string, string> { ["alice"] = "owner", ["bob"] = role }, await ChannelApi.MembersAsync(alice, name));
    }

    [Theory]
    [InlineData("invalid")]
    [InlineData("")]
    [InlineData("Owner")]
    public async Task A_role_that_is_not_owner_maintainer_or_member_is_a_validation_error(string role)
    {
        var name = await ChannelAsync();
        using var alice = server.WithKey(server.AliceKey);

        var response = await PostMemberAsync(alice, name, "bob", role);

        var error = (await HttpAssert.StatusAsync(HttpStatusCode.UnprocessableEntity, response)).GetProperty("detail")[0];
        Assert.Equal(["body", "role"], error.GetProperty("loc").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("String should match pattern", error.GetProperty("msg").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("bob", (await ChannelApi.MembersAsync(alice, name)).Keys);
    }

    [Theory]
    [InlineData("{\"username\": \"bob\"}")]
    [InlineData("{\"role\": \"member\"}")]
    [InlineData("[\"bob\", \"member\"]")]
    [InlineData("{\"username\": ")]
    public async Task A_malformed_body_is_a_validation_error(string body)
    {
        var name = await ChannelAsync();
        using var alice = server.WithKey(server.AliceKey);

        var response = await alice.PostAsync($"/api/channels/{name}/members", ChannelApi.Json(body));

        var detail = (await HttpAssert.StatusAsync(HttpStatusCode.UnprocessableEntity, response)).GetProperty("detail");
        Assert.Equal(JsonValueKind.Array, detail.ValueKind);
    }

    [Fact]
    public async Task An_unknown_user_is_404_even_for_anonymous_callers_on_a_public_channel()
    {
        var name = await ChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        using var anonymous = server.Anonymous();
        var nobody = ChannelApi.NewName("nobody");

        await HttpAssert.StringDetailAsync(HttpStatusCode.NotFound, $"user {nobody} not found", await PostMemberAsync(alice, name, nobody, "member"));
        await HttpAssert.StringDetailAsync(HttpStatusCode.NotFound, $"user {nobody} not found", await PostMemberAsync(anonymous, name, nobody, "member"));
        await HttpAssert.StringDetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await PostMemberAsync(anonymous, name, "bob", "member"));
    }

    [Fact]
    public async Task A_body_without_content_type_is_read_as_JSON()
    {
        var name = await ChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        using var content = new ByteArrayContent("{\"username\": \"bob\", \"role\": \"member\"}"u8.ToArray());

        await HttpAssert.NullAsync(HttpStatusCode.Created, await alice.PostAsync($"/api/channels/{name}/members", content));

        Assert.Equal("member", (await ChannelApi.MembersAsync(alice, name))["bob"]);
    }

    [Fact]
    public async Task Posting_an_existing_member_replaces_the_role()
    {
        var name = await ChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        await ChannelApi.AddMemberAsync(alice, name, "bob", "member");

        await HttpAssert.NullAsync(HttpStatusCode.Created, await PostMemberAsync(alice, name, "bob", "maintainer"));

        Assert.Equal(new Dictionary<string, string> { ["alice"] = "owner", ["bob"] = "maintainer" }, await ChannelApi.MembersAsync(alice, name));
        Assert.Equal(2, (await ChannelApi.GetAsync(alice, name)).GetProperty("members_count").GetInt32());
    }

    [Theory]
    [InlineData("maintainer")]
    [InlineData("member")]
    [InlineData(null)]
    public async Task Only_channel_owners_add_members(string? bobsRole)
    {
        var name = await ChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        using var bob = await server.AsAsync("bob");
        if (bobsRole is not null)
        {
            await ChannelApi.AddMemberAsync(alice, name, "bob", bobsRole);
        }

        await HttpAssert.StringDetailAsync(HttpStatusCode.Forbidden, "No permission", await PostMemberAsync(bob, name, "carol", "member"));

        Assert.DoesNotContain("carol", (await ChannelApi.MembersAsync(alice, name)).Keys);
    }

    [Fact]
    public async Task A_channel_owner_who_is_not_the_creator_adds_members()
    {
        var name = await ChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        using var bob = await server.AsAsync("bob");
        await ChannelApi.AddMemberAsync(alice, name, "bob", "owner");

        await HttpAssert.NullAsync(HttpStatusCode.Created, await PostMemberAsync(bob, name, "carol", "maintainer"));

        Assert.Equal("maintainer", (await ChannelApi.MembersAsync(bob, name))["carol"]);
    }

    [Fact]
    public async Task Removing_a_member_answers_null_and_the_member_is_gone()
    {
        var name = await ChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        await ChannelApi.AddMemberAsync(alice, name, "bob", "member");

        await HttpAssert.NullAsync(HttpStatusCode.OK, await alice.DeleteAsync($"/api/channels/{name}/members?username=bob"));

        Assert.Equal(new Dictionary<string, string> { ["alice"] = "owner" }, await ChannelApi.MembersAsync(alice, name));
    }

    [Fact]
    public async Task Removing_a_non_member_or_an_unknown_user_is_404()
    {
        var name = "Mixed" + ChannelApi.NewName();
        using var alice = server.WithKey(server.AliceKey);
        await ChannelApi.CreateAsync(alice, name, isPrivate: false);
        var nobody = ChannelApi.NewName("nobody");

        await HttpAssert.StringDetailAsync(HttpStatusCode.NotFound, $"user bob is not a member of channel {name}",
            await alice.DeleteAsync($"/api/channels/{name.ToLowerInvariant()}/members?username=bob"));
        await HttpAssert.StringDetailAsync(HttpStatusCode.NotFound, $"user {nobody} not found",
            await alice.DeleteAsync($"/api/channels/{name}/members?username={nobody}"));
    }

    [Fact]
    public async Task Removing_needs_a_username()
    {
        var name = await ChannelAsync();
        using var alice = server.WithKey(server.AliceKey);

        var error = (await HttpAssert.StatusAsync(HttpStatusCode.UnprocessableEntity, await alice.DeleteAsync($"/api/channels/{name}/members")))
            .GetProperty("detail")[0];

        Assert.Equal(["query", "username"], error.GetProperty("loc").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("maintainer")]
    [InlineData("member")]
    public async Task Only_channel_owners_remove_members(string bobsRole)
    {
        var name = await ChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        using var bob = await server.AsAsync("bob");
        await ChannelApi.AddMemberAsync(alice, name, "bob", bobsRole);
        await ChannelApi.AddMemberAsync(alice, name, "carol", "member");

        await HttpAssert.StringDetailAsync(HttpStatusCode.Forbidden, "No permission", await bob.DeleteAsync($"/api/channels/{name}/members?username=carol"));

        Assert.Contains("carol", (await ChannelApi.MembersAsync(alice, name)).Keys);
    }

    [Fact]
    public async Task Whether_someone_is_a_member_is_not_revealed_to_those_who_may_not_list_members()
    {
        var name = await ChannelAsync();
        using var bob = await server.AsAsync("bob");
        using var anonymous = server.Anonymous();

        await HttpAssert.StringDetailAsync(HttpStatusCode.Forbidden, "No permission", await bob.DeleteAsync($"/api/channels/{name}/members?username=carol"));
        await HttpAssert.StringDetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await anonymous.DeleteAsync($"/api/channels/{name}/members?username=carol"));
    }

    [Theory]
    [InlineData("owner", HttpStatusCode.OK)]
    [InlineData("maintainer", HttpStatusCode.OK)]
    [InlineData("member", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Forbidden)]
    public async Task Channel_owners_and_maintainers_list_members_even_of_a_public_channel(string? bobsRole, HttpStatusCode expected)
    {
        var name = await ChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        using var bob = await server.AsAsync("bob");
        if (bobsRole is not null)
        {
            await ChannelApi.AddMemberAsync(alice, name, "bob", bobsRole);
        }

        var response = await bob.GetAsync($"/api/channels/{name}/members");

        if (expected == HttpStatusCode.OK)
        {
            await HttpAssert.StatusAsync(HttpStatusCode.OK, response);
        }
        else
        {
            await HttpAssert.StringDetailAsync(HttpStatusCode.Forbidden, "No permission", response);
        }
    }

    [Fact]
    public async Task Anonymous_callers_may_not_list_members_of_a_public_channel()
    {
        var name = await ChannelAsync();
        using var anonymous = server.Anonymous();

        await HttpAssert.StringDetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await anonymous.GetAsync($"/api/channels/{name}/members"));
    }

    [Fact]
    public async Task A_server_maintainer_lists_and_manages_members_of_any_channel()
    {
        var name = await ChannelAsync(isPrivate: true);
        await ChannelApi.SetServerRoleAsync(server, "dave", "maintainer");
        using var dave = await server.AsAsync("dave");

        await ChannelApi.AddMemberAsync(dave, name, "carol", "member");

        Assert.Equal(new Dictionary<string, string> { ["alice"] = "owner", ["carol"] = "member" }, await ChannelApi.MembersAsync(dave, name));
    }

    [Fact]
    public async Task Members_are_role_and_user_with_id_username_and_profile()
    {
        var name = await ChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        await ChannelApi.AddMemberAsync(alice, name, "bob", "maintainer");

        var members = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/channels/{name}/members"));

        var bob = members.EnumerateArray().Single(m => m.GetProperty("user").GetProperty("username").GetString() == "bob");
        Assert.Equal(["role", "user"], HttpAssert.Keys(bob));
        Assert.Equal("maintainer", bob.GetProperty("role").GetString());
        var user = bob.GetProperty("user");
        Assert.Equal(["id", "username", "profile"], HttpAssert.Keys(user));
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", user.GetProperty("id").GetString());
        var profile = user.GetProperty("profile");
        Assert.Equal(["name", "avatar_url"], HttpAssert.Keys(profile));
        Assert.Equal("Bob", profile.GetProperty("name").GetString());
        Assert.Equal("/avatar.jpg", profile.GetProperty("avatar_url").GetString());
        var fromUsers = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync("/api/users/bob"));
        Assert.Equal(fromUsers.GetProperty("id").GetString(), user.GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_users_of_scoped_api_keys_are_not_listed()
    {
        var name = await ChannelAsync(isPrivate: true);
        using var alice = server.WithKey(server.AliceKey);
        var created = await HttpAssert.StatusAsync(HttpStatusCode.Created, await alice.PostAsJsonAsync("/api/api-keys",
            new { description = "scoped", roles = new[] { new { channel = name, role = "maintainer" } } }));
        using var scoped = server.WithKey(created.GetProperty("key").GetString()!);

        var members = await ChannelApi.MembersAsync(scoped, name);

        Assert.Equal(new Dictionary<string, string> { ["alice"] = "owner" }, members);
    }

    [Fact]
    public async Task Proxy_channels_have_no_members_routes()
    {
        using var alice = server.WithKey(server.AliceKey);
        var name = ChannelApi.NewName();
        await HttpAssert.NullAsync(HttpStatusCode.Created, await alice.PostAsJsonAsync("/api/channels",
            new { name, @private = false, mirror_channel_url = "http://upstream.invalid/get/x", mirror_mode = "proxy" }));
        const string Detail = "This method is not implemented for proxy channels";

        await HttpAssert.StringDetailAsync(HttpStatusCode.MethodNotAllowed, Detail, await alice.GetAsync($"/api/channels/{name}/members"));
        await HttpAssert.StringDetailAsync(HttpStatusCode.MethodNotAllowed, Detail, await PostMemberAsync(alice, name, "bob", "member"));
        await HttpAssert.StringDetailAsync(HttpStatusCode.MethodNotAllowed, Detail, await alice.DeleteAsync($"/api/channels/{name}/members?username=alice"));
    }
}

public sealed class ChannelMembersOnSqlite(SqliteQuetzServer server) : ChannelMembersTests<SqliteQuetzServer>(server);

public sealed class ChannelMembersOnPostgres(PostgresQuetzServer server) : ChannelMembersTests<PostgresQuetzServer>(server);
