using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Quetz.Host.Tests.Infrastructure;
using Quetz.Host.Tests.Users;

namespace Quetz.Host.Tests.Identity;

/// <summary>
/// Keys scoped to channel or package roles (contract §5.4, tests H2–H3; quetz's
/// <c>test_use_wildcard_api_key_to_authenticate</c>): what they may read, who may mint them, and input checks.
/// </summary>
public abstract class ScopedApiKeyTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    [Fact]
    public async Task A_channel_member_key_reads_its_channel_but_no_other_private_channel()
    {
        var mine = await server.PrivateChannelAsync();
        var other = await server.PrivateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);

        var created = await alice.CreateKeyAsync(new { description = "member key", roles = new[] { new { channel = mine, role = "member" } } });

        Assert.Equal(["description", "time_created", "expire_at", "roles", "key"], HttpAssert.Keys(created));
        var role = Assert.Single(created.GetProperty("roles").EnumerateArray());
        AssertRole(role, mine, null, "member");

        using var anonymous = server.Anonymous();
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await anonymous.GetAsync($"/api/channels/{mine}"));
        using var scoped = server.WithKey(created.GetProperty("key").GetString()!);
        var channel = await HttpAssert.StatusAsync(HttpStatusCode.OK, await scoped.GetAsync($"/api/channels/{mine}"));
        Assert.Equal(mine, channel.GetProperty("name").GetString());
        await HttpAssert.DetailAsync(HttpStatusCode.Forbidden, "No permission", await scoped.GetAsync($"/api/channels/{other}"));
    }

    /// <summary>The key's holder is an anonymous user without a server role, even when its creator is the server owner.</summary>
    [Fact]
    public async Task A_scoped_key_cannot_create_channels()
    {
        var mine = await server.PrivateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        var created = await alice.CreateKeyAsync(new { description = "owner key", roles = new[] { new { channel = mine, role = "owner" } } });
        using var scoped = server.WithKey(created.GetProperty("key").GetString()!);

        var name = UserActions.UniqueChannel();
        await HttpAssert.DetailListAsync(HttpStatusCode.Forbidden, "this operation requires owner or maintainer or member roles",
            await scoped.PostAsJsonAsync("/api/channels", new { name, @private = true }));
        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, $"Channel {name} not found", await alice.GetAsync($"/api/channels/{name}"));
    }

    [Fact]
    public async Task Scoped_keys_are_listed_with_their_roles_and_their_holder_stays_hidden()
    {
        var mine = await server.PrivateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        var created = await alice.CreateKeyAsync(new { description = "listed scoped", roles = new[] { new { channel = mine, role = "maintainer" } } });

        var keys = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync("/api/api-keys"));
        var listed = Assert.Single(keys.EnumerateArray(), k => k.GetProperty("key").GetString() == created.GetProperty("key").GetString());
        Assert.Equal(created.GetRawText(), listed.GetRawText());

        var members = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/channels/{mine}/members"));
        Assert.Equal(["alice"], members.EnumerateArray().Select(m => m.GetProperty("user").GetProperty("username").GetString()!).ToArray());
        using var scoped = server.WithKey(created.GetProperty("key").GetString()!);
        Assert.Empty((await HttpAssert.StatusAsync(HttpStatusCode.OK, await scoped.GetAsync("/api/users"))).EnumerateArray());
    }

    [Theory]
    [InlineData("owner", "owner", HttpStatusCode.Created)]
    [InlineData("maintainer", "owner", HttpStatusCode.Forbidden)]
    [InlineData("maintainer", "maintainer", HttpStatusCode.Created)]
    [InlineData("maintainer", "member", HttpStatusCode.Created)]
    [InlineData("member", "member", HttpStatusCode.Forbidden)]
    [InlineData(null, "member", HttpStatusCode.Forbidden)]
    public async Task Channel_roles_are_handed_out_only_as_far_as_they_are_held(string? heldRole, string role, HttpStatusCode expected)
    {
        var channel = heldRole is null ? await server.PrivateChannelAsync() : await server.PrivateChannelAsync(("bob", heldRole));
        using var bob = await server.AsAsync("bob");

        var response = await bob.PostKeyAsync(new { description = "granted", roles = new[] { new { channel, role } } });

        if (expected == HttpStatusCode.Created)
        {
            var created = await HttpAssert.StatusAsync(expected, response);
            AssertRole(Assert.Single(created.GetProperty("roles").EnumerateArray()), channel, null, role);
        }
        else
        {
            await HttpAssert.DetailAsync(expected, "No permission", response);
        }
    }

    [Fact]
    public async Task Package_owners_hand_out_roles_on_their_package_only()
    {
        // Dev data: bob owns channel0 and package1 in it, carol owns package2 in it.
        using var carol = await server.AsAsync("carol");

        var created = await carol.CreateKeyAsync(new
        {
            description = "package key",
            roles = new[] { new { channel = "channel0", package = "package2", role = "owner" } },
        });
        AssertRole(Assert.Single(created.GetProperty("roles").EnumerateArray()), "channel0", "package2", "owner");

        await HttpAssert.DetailAsync(HttpStatusCode.Forbidden, "No permission", await carol.PostKeyAsync(new
        {
            description = "not my package",
            roles = new[] { new { channel = "channel0", package = "package1", role = "member" } },
        }));
    }

    /// <summary>quetz stops checking at a role without a channel, so the roles after it were never checked (§17.2).</summary>
    [Theory]
    [InlineData("""[{"channel": "", "role": "member"}]""")]
    [InlineData("""[{"role": "member"}]""")]
    [InlineData("""[{"channel": null, "role": "member"}, {"channel": "channel0", "role": "owner"}]""")]
    public async Task A_role_without_channel_is_422_and_makes_no_key(string roles)
    {
        using var carol = await server.AsAsync("carol");
        var before = await KeyCountAsync(carol);

        var response = await carol.PostAsync("/api/api-keys",
            new StringContent($$"""{"description": "no channel", "roles": {{roles}}}""", Encoding.UTF8, "application/json"));

        var body = await HttpAssert.StatusAsync(HttpStatusCode.UnprocessableEntity, response);
        // FastAPI writes the list index as a number, the rebuild as a string: compare the text of each entry.
        var loc = body.GetProperty("detail")[0].GetProperty("loc").EnumerateArray().Select(e => e.ToString()).ToArray();
        Assert.Equal(["body", "roles", "0", "channel"], loc);
        Assert.Equal(before, await KeyCountAsync(carol));
    }

    [Fact]
    public async Task A_role_on_an_unknown_channel_is_404()
    {
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, "Channel nosuchchannel not found",
            await alice.PostKeyAsync(new { description = "nowhere", roles = new[] { new { channel = "nosuchchannel", role = "member" } } }));
    }

    [Fact]
    public async Task An_unknown_role_name_is_422()
    {
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.ValidationAsync("String should match pattern",
            await alice.PostKeyAsync(new { description = "superuser", roles = new[] { new { channel = "channel0", role = "superuser" } } }));
    }

    [Fact]
    public async Task Roles_that_are_not_a_list_are_422()
    {
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.ValidationAsync("Input should be a valid list",
            await alice.PostKeyAsync(new { description = "not a list", roles = new { channel = "channel0", role = "member" } }));
    }

    /// <summary>The key's holder can hold one role per channel or package; quetz answers 500 (a unique-key violation).</summary>
    [Theory]
    [InlineData("channel0", null, "CHANNEL0", null)]
    [InlineData("channel0", "package1", "channel0", "package1")]
    public async Task Two_roles_on_the_same_channel_or_package_are_422(string channel1, string? package1, string channel2, string? package2)
    {
        using var alice = server.WithKey(server.AliceKey);
        var before = await KeyCountAsync(alice);

        var response = await alice.PostKeyAsync(new
        {
            description = "twice",
            roles = new[] { new { channel = channel1, package = package1, role = "member" }, new { channel = channel2, package = package2, role = "maintainer" } },
        });

        await HttpAssert.ValidationAsync("more than one role", response);
        Assert.Equal(before, await KeyCountAsync(alice));
    }

    [Fact]
    public async Task A_key_may_hold_a_channel_role_and_a_role_on_a_package_of_it()
    {
        using var alice = server.WithKey(server.AliceKey);
        var created = await alice.CreateKeyAsync(new
        {
            description = "channel and package",
            roles = new[] { new { channel = "channel0", package = (string?)null, role = "member" }, new { channel = "channel0", package = (string?)"package1", role = "maintainer" } },
        });
        Assert.Equal(2, created.GetProperty("roles").GetArrayLength());
    }

    private static void AssertRole(JsonElement role, string channel, string? package, string name)
    {
        Assert.Equal(["channel", "package", "role"], HttpAssert.Keys(role).Order(StringComparer.Ordinal));
        Assert.Equal(channel, role.GetProperty("channel").GetString());
        Assert.Equal(package, role.GetProperty("package").GetString());
        Assert.Equal(name, role.GetProperty("role").GetString());
    }

    private static async Task<int> KeyCountAsync(HttpClient client) =>
        (await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync("/api/api-keys"))).GetArrayLength();
}

public sealed class ScopedApiKeyOnSqlite(SqliteQuetzServer server) : ScopedApiKeyTests<SqliteQuetzServer>(server);

public sealed class ScopedApiKeyOnPostgres(PostgresQuetzServer server) : ScopedApiKeyTests<PostgresQuetzServer>(server);
