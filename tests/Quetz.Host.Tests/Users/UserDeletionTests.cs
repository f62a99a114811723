using System.Net;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Users;

/// <summary>
/// DELETE <c>/api/users/{u}</c> (contract §2.2, test K3; quetz's <c>test_delete_user_permission</c>): profile,
/// identities and keys go, the user row and its server role stay. Deletions cannot be undone, so dave is
/// deleted by one test and carol by another; bob and alice stay.
/// </summary>
public abstract class UserDeletionTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    [Fact]
    public async Task Deleting_oneself_removes_profile_and_keys_but_keeps_the_server_role()
    {
        await server.SetServerRoleAsync("dave", "member");
        using var daveSession = await server.LoggedInAsync("dave");
        var userWideKey = await server.KeyForAsync("dave");
        // dave owns channel2 in the dev data, so he may hand out a key scoped to it.
        var scopedKey = (await daveSession.CreateKeyAsync(new { description = "scoped", roles = new[] { new { channel = "channel2", role = "member" } } }))
            .GetProperty("key").GetString()!;
        using var dave = server.WithKey(userWideKey);
        using var scoped = server.WithKey(scopedKey);
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await scoped.GetAsync("/api/api-keys"));

        await HttpAssert.NullAsync(HttpStatusCode.OK, await dave.DeleteAsync("/api/users/dave"));

        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, "User dave not found", await alice.GetAsync("/api/users/dave"));
        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, "User dave not found", await alice.GetAsync("/api/users/dave/channels"));
        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, "User dave not found", await alice.DeleteAsync("/api/users/dave"));
        Assert.DoesNotContain("dave", UserActions.Usernames(await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync("/api/users"))));

        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await dave.GetAsync("/api/api-keys"));
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await scoped.GetAsync("/api/api-keys"));
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await daveSession.GetAsync("/api/me"));

        // The role is read from the user row, which stays.
        Assert.Equal("member", await server.ServerRoleAsync("dave"));
    }

    [Fact]
    public async Task Server_maintainers_delete_other_users()
    {
        await server.SetServerRoleAsync("bob", "maintainer");
        using var carol = await server.AsAsync("carol");
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await carol.GetAsync("/api/users/carol"));
        using var bob = await server.AsAsync("bob");

        await HttpAssert.NullAsync(HttpStatusCode.OK, await bob.DeleteAsync("/api/users/carol"));

        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, "User carol not found", await bob.GetAsync("/api/users/carol"));
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await carol.GetAsync("/api/api-keys"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("member")]
    public async Task Users_without_an_elevated_role_cannot_delete_others(string? role)
    {
        await server.SetServerRoleAsync("bob", role);
        using var bob = await server.AsAsync("bob");

        await HttpAssert.DetailListAsync(HttpStatusCode.Forbidden, "this operation requires owner or maintainer roles",
            await bob.DeleteAsync("/api/users/alice"));

        using var alice = server.WithKey(server.AliceKey);
        var user = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync("/api/users/alice"));
        Assert.Equal("Alice", user.GetProperty("profile").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Deleting_a_user_needs_a_login()
    {
        using var anonymous = server.Anonymous();
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await anonymous.DeleteAsync("/api/users/alice"));
    }

    [Fact]
    public async Task Deleting_an_unknown_user_is_404()
    {
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, "User nobody not found", await alice.DeleteAsync("/api/users/nobody"));
    }
}

public sealed class UserDeletionOnSqlite(SqliteQuetzServer server) : UserDeletionTests<SqliteQuetzServer>(server);

public sealed class UserDeletionOnPostgres(PostgresQuetzServer server) : UserDeletionTests<PostgresQuetzServer>(server);
