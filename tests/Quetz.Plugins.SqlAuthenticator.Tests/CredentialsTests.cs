using System.Net;
using System.Net.Http.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Plugins.SqlAuthenticator.Tests;

/// <summary>The credentials API of quetz-sql-authenticator: server owners and maintainers only, quetz's answers.</summary>
public abstract class CredentialsTests<TServer>(TServer server) : IClassFixture<TServer>
    where TServer : SqlAuthServer
{
    [Fact]
    public async Task Credentials_are_created_read_listed_changed_and_deleted()
    {
        var name = SqlLogin.NewUsername();
        using var alice = server.WithKey(server.AliceKey);
        await server.CreateCredentialAsync(name, "first password");

        await HttpAssert.StringDetailAsync(HttpStatusCode.Conflict, $"User {name} already exists",
            await alice.PostAsync($"/api/sqlauth/credentials/{name}?password=other", null));
        Assert.Equal(name, (await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/sqlauth/credentials/{name}"))).GetString());
        var all = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync("/api/sqlauth/credentials"));
        Assert.Contains(name, all.EnumerateArray().Select(e => e.GetString()));

        Assert.Equal(name, (await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.PutAsync($"/api/sqlauth/credentials/{name}",
            new FormUrlEncodedContent([new("password", "second password")])))).GetString());
        await server.IsRefusedAsync(HttpStatusCode.Unauthorized, name, "first password");
        await server.LogsInAsync(name, "second password");

        Assert.Equal(name, (await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.DeleteAsync($"/api/sqlauth/credentials/{name}"))).GetString());
        await HttpAssert.StringDetailAsync(HttpStatusCode.NotFound, $"User {name} not found", await alice.GetAsync($"/api/sqlauth/credentials/{name}"));
        await HttpAssert.StringDetailAsync(HttpStatusCode.NotFound, $"User {name} not found", await alice.DeleteAsync($"/api/sqlauth/credentials/{name}"));
        await server.IsRefusedAsync(HttpStatusCode.Unauthorized, name, "second password");
        Assert.Null(await server.StoredHashAsync(name));
    }

    [Fact]
    public async Task Changing_an_unknown_user_answers_404_and_creates_nothing()
    {
        var name = SqlLogin.NewUsername();
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StringDetailAsync(HttpStatusCode.NotFound, $"User {name} not found",
            await alice.PutAsync($"/api/sqlauth/credentials/{name}?password=x", null));
        Assert.Null(await server.StoredHashAsync(name));
    }

    [Fact]
    public async Task A_password_is_required_and_a_username_must_be_usable()
    {
        var name = SqlLogin.NewUsername();
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.ValidationAsync("Field required", await alice.PostAsync($"/api/sqlauth/credentials/{name}", null));
        await HttpAssert.ValidationAsync("Field required", await alice.PostAsync($"/api/sqlauth/credentials/{name}?password=", null));
        var tooLong = new string('a', 257);
        await HttpAssert.StatusAsync(HttpStatusCode.UnprocessableEntity, await alice.PostAsync($"/api/sqlauth/credentials/{tooLong}?password=x", null));

        Assert.Null(await server.StoredHashAsync(name));
        Assert.Null(await server.StoredHashAsync(tooLong));
    }

    [Fact]
    public async Task Only_server_owners_and_maintainers_manage_credentials()
    {
        var name = SqlLogin.NewUsername();
        using var anonymous = server.Anonymous();
        using var dave = await server.AsAsync("dave");
        await HttpAssert.StringDetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await anonymous.GetAsync("/api/sqlauth/credentials"));
        await HttpAssert.StringDetailAsync(HttpStatusCode.Unauthorized, "Not logged in",
            await anonymous.PostAsync($"/api/sqlauth/credentials/{name}?password=x", null));
        await HttpAssert.DetailListAsync(HttpStatusCode.Forbidden, "this operation requires owner or maintainer roles",
            await dave.GetAsync("/api/sqlauth/credentials"));
        await HttpAssert.DetailListAsync(HttpStatusCode.Forbidden, "this operation requires owner or maintainer roles",
            await dave.PostAsync($"/api/sqlauth/credentials/{name}?password=x", null));
        await HttpAssert.DetailListAsync(HttpStatusCode.Forbidden, "this operation requires owner or maintainer roles",
            await dave.DeleteAsync($"/api/sqlauth/credentials/{name}"));
        Assert.Null(await server.StoredHashAsync(name));

        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.PutAsJsonAsync("/api/users/carol/role", new { role = "maintainer" }));
        using var carol = await server.AsAsync("carol");
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await carol.PostAsync($"/api/sqlauth/credentials/{name}?password=x", null));
        Assert.NotNull(await server.StoredHashAsync(name));
    }
}

public sealed class CredentialsOnSqlite(UserLimitServerOnSqlite server) : CredentialsTests<UserLimitServerOnSqlite>(server);

public sealed class CredentialsOnPostgres(UserLimitServerOnPostgres server) : CredentialsTests<UserLimitServerOnPostgres>(server);
