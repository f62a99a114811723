using System.Net;
using System.Text.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Users;

/// <summary>
/// Who sees which users: <c>/api/users</c>, <c>/api/paginated/users</c> and <c>/api/users/{u}</c> (contract §2.2,
/// test K2). No test here changes a server role, so alice is the only elevated user.
/// </summary>
public abstract class UserListingTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    private const string ServerRoleRequired = "this operation requires owner or maintainer roles";

    [Fact]
    public async Task The_server_owner_sees_every_user_with_a_profile_in_username_order()
    {
        // A scoped key's holder is a user row without username or profile: it must stay out of the list.
        var channel = await server.PrivateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        await alice.CreateKeyAsync(new { description = "scoped", roles = new[] { new { channel, role = "member" } } });

        var users = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync("/api/users"));

        Assert.Equal(["alice", "bob", "carol", "dave"], UserActions.Usernames(users));
        foreach (var user in users.EnumerateArray())
        {
            Assert.Equal(["id", "username", "profile"], HttpAssert.Keys(user));
            Assert.Equal(["name", "avatar_url"], HttpAssert.Keys(user.GetProperty("profile")));
        }

        var bob = users[1];
        Assert.Equal("Bob", bob.GetProperty("profile").GetProperty("name").GetString());
        Assert.Equal("/avatar.jpg", bob.GetProperty("profile").GetProperty("avatar_url").GetString());
    }

    [Fact]
    public async Task Users_without_a_server_role_see_only_themselves()
    {
        using var bob = await server.AsAsync("bob");
        var users = await HttpAssert.StatusAsync(HttpStatusCode.OK, await bob.GetAsync("/api/users"));
        Assert.Equal(["bob"], UserActions.Usernames(users));
    }

    [Theory]
    [InlineData("alice", "A", "alice,carol,dave")]
    [InlineData("alice", "ar", "carol")]
    [InlineData("alice", "nobody", "")]
    [InlineData("alice", "%", "")]
    [InlineData("alice", "_", "")]
    [InlineData("bob", "O", "bob")]
    [InlineData("bob", "ali", "")]
    public async Task Query_filters_usernames_by_case_insensitive_substring(string caller, string q, string expected)
    {
        using var client = await server.AsAsync(caller);
        var users = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync($"/api/users?q={q}"));
        Assert.Equal(Split(expected), UserActions.Usernames(users));
    }

    [Theory]
    [InlineData("/api/users")]
    [InlineData("/api/paginated/users")]
    public async Task Listing_users_needs_a_login(string route)
    {
        using var client = server.Anonymous();
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await client.GetAsync(route));
    }

    [Fact]
    public async Task Paginated_users_have_quetz_pagination_shape()
    {
        using var alice = server.WithKey(server.AliceKey);
        var page = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync("/api/paginated/users?skip=1&limit=2"));

        Assert.Equal(["pagination", "result"], HttpAssert.Keys(page));
        AssertPagination(page, skip: 1, limit: 2, count: 4);
        Assert.Equal(["bob", "carol"], UserActions.Usernames(page.GetProperty("result")));
        Assert.Equal(["id", "username", "profile"], HttpAssert.Keys(page.GetProperty("result")[0]));
    }

    [Fact]
    public async Task Paginated_users_default_to_the_first_twenty()
    {
        using var alice = server.WithKey(server.AliceKey);
        var page = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync("/api/paginated/users"));
        AssertPagination(page, skip: 0, limit: 20, count: 4);
        Assert.Equal(["alice", "bob", "carol", "dave"], UserActions.Usernames(page.GetProperty("result")));
    }

    [Fact]
    public async Task Skipping_past_the_end_gives_an_empty_page()
    {
        using var alice = server.WithKey(server.AliceKey);
        var page = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync("/api/paginated/users?skip=10&limit=2"));
        AssertPagination(page, skip: 10, limit: 2, count: 4);
        Assert.Empty(page.GetProperty("result").EnumerateArray());
    }

    /// <summary>quetz answers 500 here (its DAO returns a bare list); the rebuild returns every row (contract §17.2).</summary>
    [Fact]
    public async Task Negative_limit_returns_every_user_in_paginated_shape()
    {
        using var alice = server.WithKey(server.AliceKey);
        var page = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync("/api/paginated/users?limit=-1"));
        Assert.Equal(4, page.GetProperty("pagination").GetProperty("all_records_count").GetInt32());
        Assert.Equal(["alice", "bob", "carol", "dave"], UserActions.Usernames(page.GetProperty("result")));
    }

    /// <summary>quetz counts every user for a caller who may see only itself; the rebuild counts what it shows (contract §17.2).</summary>
    [Theory]
    [InlineData("", 1, "bob")]
    [InlineData("?q=b", 1, "bob")]
    [InlineData("?q=ali", 0, "")]
    public async Task Paginated_users_count_only_what_a_non_elevated_caller_sees(string query, int count, string expected)
    {
        using var bob = await server.AsAsync("bob");
        var page = await HttpAssert.StatusAsync(HttpStatusCode.OK, await bob.GetAsync($"/api/paginated/users{query}"));
        AssertPagination(page, skip: 0, limit: 20, count: count);
        Assert.Equal(Split(expected), UserActions.Usernames(page.GetProperty("result")));
    }

    [Theory]
    [InlineData("bob", "bob")]
    [InlineData("alice", "bob")]
    [InlineData("alice", "alice")]
    public async Task A_user_is_readable_by_itself_and_by_the_server_owner(string caller, string target)
    {
        using var client = await server.AsAsync(caller);
        var user = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync($"/api/users/{target}"));
        Assert.Equal(["id", "username", "profile"], HttpAssert.Keys(user));
        Assert.Equal(target, user.GetProperty("username").GetString());
    }

    [Theory]
    [InlineData("/api/users/bob")]
    [InlineData("/api/users/bob/role")]
    [InlineData("/api/users/bob/channels")]
    [InlineData("/api/paginated/users/bob/channels")]
    [InlineData("/api/users/bob/packages")]
    [InlineData("/api/paginated/users/bob/packages")]
    public async Task Other_users_data_is_403_for_non_elevated_callers(string route)
    {
        using var carol = await server.AsAsync("carol");
        await HttpAssert.DetailListAsync(HttpStatusCode.Forbidden, ServerRoleRequired, await carol.GetAsync(route));
    }

    [Theory]
    [InlineData("/api/users/bob")]
    [InlineData("/api/users/bob/role")]
    [InlineData("/api/users/bob/channels")]
    [InlineData("/api/paginated/users/bob/channels")]
    [InlineData("/api/users/bob/packages")]
    [InlineData("/api/paginated/users/bob/packages")]
    public async Task User_data_needs_a_login(string route)
    {
        using var client = server.Anonymous();
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await client.GetAsync(route));
    }

    [Theory]
    [InlineData("/api/users/nobody")]
    [InlineData("/api/users/nobody/role")]
    [InlineData("/api/users/nobody/channels")]
    [InlineData("/api/paginated/users/nobody/channels")]
    [InlineData("/api/users/nobody/packages")]
    [InlineData("/api/paginated/users/nobody/packages")]
    public async Task Unknown_users_are_404(string route)
    {
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, "User nobody not found", await alice.GetAsync(route));
    }

    [Theory]
    [InlineData("bob")]
    [InlineData("alice")]
    public async Task User_channels_list_name_and_role(string caller)
    {
        var channel = await server.PrivateChannelAsync(("bob", "maintainer"));
        using var client = await server.AsAsync(caller);

        var channels = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync("/api/users/bob/channels"));

        var roles = channels.EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("role").GetString());
        Assert.Equal("maintainer", roles[channel]);
        Assert.Equal("owner", roles["channel0"]);
        Assert.All(channels.EnumerateArray(), c => Assert.Equal(["name", "role"], HttpAssert.Keys(c)));

        var page = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync("/api/paginated/users/bob/channels?skip=0&limit=1"));
        AssertPagination(page, skip: 0, limit: 1, count: channels.GetArrayLength());
        Assert.Equal(channels[0].GetRawText(), Assert.Single(page.GetProperty("result").EnumerateArray()).GetRawText());
    }

    [Theory]
    [InlineData("bob")]
    [InlineData("alice")]
    public async Task User_packages_list_name_channel_and_role(string caller)
    {
        using var client = await server.AsAsync(caller);

        var packages = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync("/api/users/bob/packages"));

        // The dev data makes bob the owner of package1 in every channel.
        Assert.Contains(packages.EnumerateArray(), p =>
            p.GetProperty("name").GetString() == "package1" && p.GetProperty("channel_name").GetString() == "channel0"
            && p.GetProperty("role").GetString() == "owner");
        Assert.All(packages.EnumerateArray(), p => Assert.Equal(["name", "channel_name", "role"], HttpAssert.Keys(p)));

        var page = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync("/api/paginated/users/bob/packages?skip=2&limit=5"));
        AssertPagination(page, skip: 2, limit: 5, count: packages.GetArrayLength());
        Assert.Equal(packages.EnumerateArray().Skip(2).Take(5).Select(p => p.GetRawText()),
            page.GetProperty("result").EnumerateArray().Select(p => p.GetRawText()));
    }

    private static void AssertPagination(JsonElement page, int skip, int limit, int count)
    {
        var pagination = page.GetProperty("pagination");
        Assert.Equal(["skip", "limit", "all_records_count"], HttpAssert.Keys(pagination));
        Assert.Equal(skip, pagination.GetProperty("skip").GetInt32());
        Assert.Equal(limit, pagination.GetProperty("limit").GetInt32());
        Assert.Equal(count, pagination.GetProperty("all_records_count").GetInt32());
    }

    private static string[] Split(string names) => names.Length == 0 ? [] : names.Split(',');
}

public sealed class UserListingOnSqlite(SqliteQuetzServer server) : UserListingTests<SqliteQuetzServer>(server);

public sealed class UserListingOnPostgres(PostgresQuetzServer server) : UserListingTests<PostgresQuetzServer>(server);
