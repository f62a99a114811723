using System.Net;
using System.Net.Http.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Users;

/// <summary>
/// Reading and assigning server roles through <c>/api/users/{u}/role</c> (contract §2.2, §5.5, test K1; quetz's
/// <c>test_set_user_role</c> and <c>test_get_user_role</c>). bob acts, carol is acted on; every test first sets
/// the roles it starts from, so the order of tests does not matter.
/// </summary>
public abstract class UserRoleTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    private const string OwnerRequired = "this operation requires owner roles";
    private const string OwnerOrMaintainerRequired = "this operation requires owner or maintainer roles";

    [Theory]
    [InlineData(null, "member", HttpStatusCode.Forbidden)]
    [InlineData("member", "member", HttpStatusCode.Forbidden)]
    [InlineData("member", "maintainer", HttpStatusCode.Forbidden)]
    [InlineData("member", "owner", HttpStatusCode.Forbidden)]
    [InlineData("maintainer", "member", HttpStatusCode.OK)]
    [InlineData("maintainer", "maintainer", HttpStatusCode.Forbidden)]
    [InlineData("maintainer", "owner", HttpStatusCode.Forbidden)]
    [InlineData("owner", "member", HttpStatusCode.OK)]
    [InlineData("owner", "maintainer", HttpStatusCode.OK)]
    [InlineData("owner", "owner", HttpStatusCode.OK)]
    public async Task Giving_a_role_needs_the_matching_server_role(string? callerRole, string role, HttpStatusCode expected)
    {
        await server.SetServerRoleAsync("bob", callerRole);
        await server.SetServerRoleAsync("carol", null);
        using var bob = await server.AsAsync("bob");

        var response = await bob.PutAsJsonAsync("/api/users/carol/role", new { role });

        if (expected == HttpStatusCode.OK)
        {
            await HttpAssert.NullAsync(HttpStatusCode.OK, response);
            Assert.Equal(role, await server.ServerRoleAsync("carol"));
        }
        else
        {
            await HttpAssert.DetailListAsync(expected, role == "member" ? OwnerOrMaintainerRequired : OwnerRequired, response);
            Assert.Null(await server.ServerRoleAsync("carol"));
        }
    }

    /// <summary>quetz lets anyone, even anonymous callers, take any role away; the rebuild asks for the right to give it (§17.2).</summary>
    [Theory]
    [InlineData("owner", "owner", HttpStatusCode.OK)]
    [InlineData("owner", "maintainer", HttpStatusCode.OK)]
    [InlineData("owner", "member", HttpStatusCode.OK)]
    [InlineData("maintainer", "member", HttpStatusCode.OK)]
    [InlineData("maintainer", "maintainer", HttpStatusCode.Forbidden)]
    [InlineData("maintainer", "owner", HttpStatusCode.Forbidden)]
    [InlineData("member", "member", HttpStatusCode.Forbidden)]
    [InlineData(null, "member", HttpStatusCode.Forbidden)]
    public async Task Taking_a_role_away_needs_the_right_to_give_it(string? callerRole, string currentRole, HttpStatusCode expected)
    {
        await server.SetServerRoleAsync("bob", callerRole);
        await server.SetServerRoleAsync("carol", currentRole);
        using var bob = await server.AsAsync("bob");

        var response = await bob.PutAsJsonAsync("/api/users/carol/role", new { role = (string?)null });

        if (expected == HttpStatusCode.OK)
        {
            await HttpAssert.NullAsync(HttpStatusCode.OK, response);
            Assert.Null(await server.ServerRoleAsync("carol"));
        }
        else
        {
            await HttpAssert.DetailListAsync(expected, currentRole == "member" ? OwnerOrMaintainerRequired : OwnerRequired, response);
            Assert.Equal(currentRole, await server.ServerRoleAsync("carol"));
        }
    }

    /// <summary>quetz lets a server maintainer demote an owner to member; the rebuild needs the right to give the old role too.</summary>
    [Theory]
    [InlineData("maintainer", "owner", HttpStatusCode.Forbidden)]
    [InlineData("maintainer", "maintainer", HttpStatusCode.Forbidden)]
    [InlineData("owner", "owner", HttpStatusCode.OK)]
    [InlineData("owner", "maintainer", HttpStatusCode.OK)]
    public async Task Demoting_to_member_needs_the_right_to_give_the_current_role(string callerRole, string currentRole, HttpStatusCode expected)
    {
        await server.SetServerRoleAsync("bob", callerRole);
        await server.SetServerRoleAsync("carol", currentRole);
        using var bob = await server.AsAsync("bob");

        var response = await bob.PutAsJsonAsync("/api/users/carol/role", new { role = "member" });

        if (expected == HttpStatusCode.OK)
        {
            await HttpAssert.NullAsync(HttpStatusCode.OK, response);
            Assert.Equal("member", await server.ServerRoleAsync("carol"));
        }
        else
        {
            await HttpAssert.DetailListAsync(expected, OwnerRequired, response);
            Assert.Equal(currentRole, await server.ServerRoleAsync("carol"));
        }
    }

    [Theory]
    [InlineData("member")]
    [InlineData(null)]
    public async Task Anonymous_callers_cannot_change_roles(string? role)
    {
        await server.SetServerRoleAsync("carol", "maintainer");
        using var anonymous = server.Anonymous();

        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in",
            await anonymous.PutAsJsonAsync("/api/users/carol/role", new { role }));
        Assert.Equal("maintainer", await server.ServerRoleAsync("carol"));
    }

    [Fact]
    public async Task Unknown_role_names_are_422()
    {
        using var alice = server.WithKey(server.AliceKey);
        var response = await alice.PutAsJsonAsync("/api/users/carol/role", new { role = "invalid" });
        await HttpAssert.ValidationAsync("member", response);
    }

    [Fact]
    public async Task A_role_that_is_not_a_string_is_422()
    {
        using var alice = server.WithKey(server.AliceKey);
        var response = await alice.PutAsJsonAsync("/api/users/carol/role", new { role = 1 });
        await HttpAssert.ValidationAsync("Input should be a valid string", response);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Unknown_users_are_404_before_any_permission_check(bool asOwner)
    {
        using var client = asOwner ? server.WithKey(server.AliceKey) : server.Anonymous();
        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, "User nobody not found",
            await client.PutAsJsonAsync("/api/users/nobody/role", new { role = "member" }));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Forbidden)]
    [InlineData("member", HttpStatusCode.Forbidden)]
    [InlineData("maintainer", HttpStatusCode.OK)]
    [InlineData("owner", HttpStatusCode.OK)]
    public async Task Another_users_role_is_readable_by_elevated_users_only(string? callerRole, HttpStatusCode expected)
    {
        await server.SetServerRoleAsync("bob", callerRole);
        await server.SetServerRoleAsync("carol", "member");
        using var bob = await server.AsAsync("bob");

        var response = await bob.GetAsync("/api/users/carol/role");

        if (expected == HttpStatusCode.OK)
        {
            var body = await HttpAssert.StatusAsync(HttpStatusCode.OK, response);
            Assert.Equal(["role"], HttpAssert.Keys(body));
            Assert.Equal("member", body.GetProperty("role").GetString());
        }
        else
        {
            await HttpAssert.DetailListAsync(expected, OwnerOrMaintainerRequired, response);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("member")]
    [InlineData("maintainer")]
    [InlineData("owner")]
    public async Task Users_read_their_own_role(string? role)
    {
        await server.SetServerRoleAsync("bob", role);
        using var bob = await server.AsAsync("bob");

        var body = await HttpAssert.StatusAsync(HttpStatusCode.OK, await bob.GetAsync("/api/users/bob/role"));
        Assert.Equal(["role"], HttpAssert.Keys(body));
        Assert.Equal(role, body.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Server_maintainers_see_every_user()
    {
        await server.SetServerRoleAsync("bob", "maintainer");
        using var bob = await server.AsAsync("bob");

        var users = await HttpAssert.StatusAsync(HttpStatusCode.OK, await bob.GetAsync("/api/users"));
        Assert.Equal(["alice", "bob", "carol", "dave"], UserActions.Usernames(users));
        var page = await HttpAssert.StatusAsync(HttpStatusCode.OK, await bob.GetAsync("/api/paginated/users?limit=2"));
        Assert.Equal(4, page.GetProperty("pagination").GetProperty("all_records_count").GetInt32());
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await bob.GetAsync("/api/users/dave"));
    }

    [Fact]
    public async Task Server_members_see_only_themselves()
    {
        await server.SetServerRoleAsync("bob", "member");
        using var bob = await server.AsAsync("bob");

        var users = await HttpAssert.StatusAsync(HttpStatusCode.OK, await bob.GetAsync("/api/users"));
        Assert.Equal(["bob"], UserActions.Usernames(users));
    }
}

public sealed class UserRoleOnSqlite(SqliteQuetzServer server) : UserRoleTests<SqliteQuetzServer>(server);

public sealed class UserRoleOnPostgres(PostgresQuetzServer server) : UserRoleTests<PostgresQuetzServer>(server);
