using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Quetz.Host.Tests.Infrastructure;
using Quetz.Host.Tests.Users;

namespace Quetz.Host.Tests.Identity;

/// <summary>
/// User-wide API keys: create, list, expire, delete (contract §2.7, §3 ApiKey, tests H1, H4, H5). bob and
/// carol make keys through their sessions, as the web UI does.
/// </summary>
public abstract class ApiKeyTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    private static string Today(int days = 0) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary><c>roles: []</c> is the documented form; quetz answers 500 when roles is missing or null, the rebuild reads both as [] (§17.2).</summary>
    [Theory]
    [InlineData("""{"description": "ci", "roles": []}""")]
    [InlineData("""{"description": "ci"}""")]
    [InlineData("""{"description": "ci", "roles": null}""")]
    public async Task A_user_wide_key_is_created_with_roles_null(string body)
    {
        using var bob = await server.LoggedInAsync("bob");
        var before = Today();

        var created = await HttpAssert.StatusAsync(HttpStatusCode.Created,
            await bob.PostAsync("/api/api-keys", new StringContent(body, Encoding.UTF8, "application/json")));

        Assert.Equal(["description", "time_created", "expire_at", "roles", "key"], HttpAssert.Keys(created));
        Assert.Equal("ci", created.GetProperty("description").GetString());
        Assert.Contains(created.GetProperty("time_created").GetString(), new[] { before, Today() });
        Assert.Equal(JsonValueKind.Null, created.GetProperty("expire_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, created.GetProperty("roles").ValueKind);
        var key = created.GetProperty("key").GetString()!;
        Assert.Matches("^[A-Za-z0-9]{32}$", key);

        using var withKey = server.WithKey(key);
        var me = await HttpAssert.StatusAsync(HttpStatusCode.OK, await withKey.GetAsync("/api/me"));
        Assert.Equal("bob", me.GetProperty("user").GetProperty("username").GetString());
    }

    [Fact]
    public async Task Keys_are_listed_to_their_owner_as_they_were_created()
    {
        using var bob = await server.LoggedInAsync("bob");
        var created = await bob.CreateKeyAsync(new { description = "listed " + Guid.NewGuid(), roles = Array.Empty<object>(), expire_at = "2999-12-31" });

        var keys = await HttpAssert.StatusAsync(HttpStatusCode.OK, await bob.GetAsync("/api/api-keys"));

        var listed = Assert.Single(keys.EnumerateArray(), k => k.GetProperty("key").GetString() == created.GetProperty("key").GetString());
        Assert.Equal(created.GetRawText(), listed.GetRawText());

        using var carol = await server.AsAsync("carol");
        var carols = await HttpAssert.StatusAsync(HttpStatusCode.OK, await carol.GetAsync("/api/api-keys"));
        Assert.DoesNotContain(created.GetProperty("key").GetString(), carols.EnumerateArray().Select(k => k.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task Listing_keys_needs_a_login()
    {
        using var anonymous = server.Anonymous();
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await anonymous.GetAsync("/api/api-keys"));
    }

    [Fact]
    public async Task Creating_a_key_needs_a_login()
    {
        using var anonymous = server.Anonymous();
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in",
            await anonymous.PostKeyAsync(new { description = "nobody's", roles = Array.Empty<object>() }));
    }

    [Fact]
    public async Task A_key_works_on_the_day_it_expires()
    {
        using var bob = await server.LoggedInAsync("bob");
        var today = Today();
        var created = await bob.CreateKeyAsync(new { description = "last day", roles = Array.Empty<object>(), expire_at = today });
        Assert.Equal(today, created.GetProperty("expire_at").GetString());

        using var withKey = server.WithKey(created.GetProperty("key").GetString()!);
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await withKey.GetAsync("/api/api-keys"));
    }

    [Theory]
    [InlineData("2020-01-01")]
    [InlineData(null)]
    public async Task Expired_keys_are_anonymous_on_protected_routes(string? expireAt)
    {
        expireAt ??= Today(-1);
        using var bob = await server.LoggedInAsync("bob");
        var created = await bob.CreateKeyAsync(new { description = "expired", roles = Array.Empty<object>(), expire_at = expireAt });
        Assert.Equal(expireAt, created.GetProperty("expire_at").GetString());

        using var withKey = server.WithKey(created.GetProperty("key").GetString()!);
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await withKey.GetAsync("/api/api-keys"));
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await withKey.GetAsync("/api/me"));
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await withKey.GetAsync("/api/users/bob"));
    }

    [Theory]
    [InlineData("tomorrow")]
    [InlineData("2020-13-01")]
    [InlineData("01/02/2020")]
    public async Task Bad_expiry_dates_are_422(string expireAt)
    {
        using var bob = await server.LoggedInAsync("bob");
        var response = await bob.PostKeyAsync(new { description = "bad date", roles = Array.Empty<object>(), expire_at = expireAt });
        await HttpAssert.ValidationAsync("date", response);
    }

    [Fact]
    public async Task A_key_without_description_is_422()
    {
        using var bob = await server.LoggedInAsync("bob");
        var response = await bob.PostKeyAsync(new { roles = Array.Empty<object>() });

        await HttpAssert.ValidationAsync("Field required", response);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("""["body","description"]""", body.GetProperty("detail")[0].GetProperty("loc").GetRawText());
    }

    [Fact]
    public async Task The_owner_deletes_a_key_which_then_stops_working_and_is_no_longer_listed()
    {
        using var bob = await server.LoggedInAsync("bob");
        var key = await NewKeyAsync(bob);

        await HttpAssert.NullAsync(HttpStatusCode.OK, await bob.DeleteAsync($"/api/api-keys/{key}"));

        var keys = await HttpAssert.StatusAsync(HttpStatusCode.OK, await bob.GetAsync("/api/api-keys"));
        Assert.DoesNotContain(key, keys.EnumerateArray().Select(k => k.GetProperty("key").GetString()));
        using var withKey = server.WithKey(key);
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await withKey.GetAsync("/api/api-keys"));
    }

    [Fact]
    public async Task Other_users_cannot_delete_a_key()
    {
        using var bob = await server.LoggedInAsync("bob");
        var key = await NewKeyAsync(bob);
        using var carol = await server.AsAsync("carol");

        await HttpAssert.DetailAsync(HttpStatusCode.Forbidden, "No permission", await carol.DeleteAsync($"/api/api-keys/{key}"));

        using var withKey = server.WithKey(key);
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await withKey.GetAsync("/api/api-keys"));
    }

    [Fact]
    public async Task The_server_owner_deletes_any_key()
    {
        using var bob = await server.LoggedInAsync("bob");
        var key = await NewKeyAsync(bob);
        using var alice = server.WithKey(server.AliceKey);

        await HttpAssert.NullAsync(HttpStatusCode.OK, await alice.DeleteAsync($"/api/api-keys/{key}"));

        using var withKey = server.WithKey(key);
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await withKey.GetAsync("/api/api-keys"));
    }

    [Fact]
    public async Task Deleting_a_key_needs_a_login()
    {
        using var bob = await server.LoggedInAsync("bob");
        var key = await NewKeyAsync(bob);
        using var anonymous = server.Anonymous();

        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await anonymous.DeleteAsync($"/api/api-keys/{key}"));
    }

    [Fact]
    public async Task Deleting_an_unknown_key_is_404()
    {
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, "key 'NoSuchKey' does not exist", await alice.DeleteAsync("/api/api-keys/NoSuchKey"));
    }

    private static async Task<string> NewKeyAsync(HttpClient client) =>
        (await client.CreateKeyAsync(new { description = "to delete", roles = Array.Empty<object>() })).GetProperty("key").GetString()!;
}

public sealed class ApiKeyOnSqlite(SqliteQuetzServer server) : ApiKeyTests<SqliteQuetzServer>(server);

public sealed class ApiKeyOnPostgres(PostgresQuetzServer server) : ApiKeyTests<PostgresQuetzServer>(server);
