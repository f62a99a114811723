using System.Net;
using System.Net.Http.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Packages;

public abstract class PackageMembersTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    [Fact]
    public async Task Members_of_a_public_package_are_listed_to_anyone_and_a_second_add_conflicts()
    {
        var channel = await server.CreateChannelAsync();
        await server.CreatePackageAsync(channel, "pkg");
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.Created,
            await alice.PostAsJsonAsync($"/api/channels/{channel}/packages/pkg/members", new { username = "bob", role = "maintainer" }));
        await HttpAssert.DetailAsync(HttpStatusCode.Conflict, $"Member bob in {channel}/pkg exists",
            await alice.PostAsJsonAsync($"/api/channels/{channel}/packages/pkg/members", new { username = "bob", role = "owner" }));

        using var anonymous = server.Anonymous();
        var members = await HttpAssert.StatusAsync(HttpStatusCode.OK, await anonymous.GetAsync($"/api/channels/{channel}/packages/pkg/members"));
        var bob = members.EnumerateArray().Single(m => m.GetProperty("user").GetProperty("username").GetString() == "bob");
        Assert.Equal("maintainer", bob.GetProperty("role").GetString());
        Assert.Equal(["role", "user"], HttpAssert.Keys(bob));
        Assert.Equal(["id", "username", "profile"], HttpAssert.Keys(bob.GetProperty("user")));
    }

    [Fact]
    public async Task Unknown_users_and_roles_are_refused()
    {
        var channel = await server.CreateChannelAsync();
        await server.CreatePackageAsync(channel, "pkg");
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, "user nobody not found",
            await alice.PostAsJsonAsync($"/api/channels/{channel}/packages/pkg/members", new { username = "nobody", role = "member" }));
        await HttpAssert.ValidationAsync("String should match pattern",
            await alice.PostAsJsonAsync($"/api/channels/{channel}/packages/pkg/members", new { username = "bob", role = "boss" }));
    }

    [Theory]
    [InlineData("channel", "owner", HttpStatusCode.Created)]
    [InlineData("channel", "maintainer", HttpStatusCode.Created)]
    [InlineData("channel", "member", HttpStatusCode.Forbidden)]
    [InlineData("package", "owner", HttpStatusCode.Created)]
    [InlineData("package", "maintainer", HttpStatusCode.Forbidden)]
    [InlineData("package", "member", HttpStatusCode.Forbidden)]
    public async Task Who_may_add_package_members(string level, string role, HttpStatusCode expected)
    {
        var channel = await server.CreateChannelAsync();
        await server.CreatePackageAsync(channel, "pkg");
        if (level == "channel")
        {
            await server.AddChannelMemberAsync(channel, "bob", role);
        }
        else
        {
            await server.AddPackageMemberAsync(channel, "pkg", "bob", role);
        }

        using var bob = await server.AsAsync("bob");
        await HttpAssert.StatusAsync(expected,
            await bob.PostAsJsonAsync($"/api/channels/{channel}/packages/pkg/members", new { username = "carol", role = "member" }));
    }
}

public sealed class PackageMembersOnSqlite(SqliteQuetzServer server) : PackageMembersTests<SqliteQuetzServer>(server);

public sealed class PackageMembersOnPostgres(PostgresQuetzServer server) : PackageMembersTests<PostgresQuetzServer>(server);
