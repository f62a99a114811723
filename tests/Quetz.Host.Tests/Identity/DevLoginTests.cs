using System.Net;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Identity;

/// <summary>The dev login, the session it opens, <c>/api/me</c> and logout (contract §2.1, tests A2–A4).</summary>
public abstract class DevLoginTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    [Fact]
    public async Task Dev_login_of_an_unknown_user_is_404_without_a_session()
    {
        using var client = server.Anonymous();
        var response = await client.GetAsync("/api/dummylogin/nobody");
        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, "User 'nobody' not found", response);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Dev_login_sets_a_session_cookie_and_redirects_to_the_root()
    {
        using var client = server.Anonymous();
        var response = await client.GetAsync("/api/dummylogin/bob");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("session=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        // The fixture sets [session] https_only = false.
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        var me = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.SendAsync(request));
        Assert.Equal("bob", me.GetProperty("user").GetProperty("username").GetString());
    }

    [Fact]
    public async Task Me_with_a_session_returns_the_profile_of_the_logged_in_user()
    {
        using var client = await server.LoggedInAsync("alice");
        var me = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync("/api/me"));

        Assert.Equal(["name", "avatar_url", "user"], HttpAssert.Keys(me));
        Assert.Equal("Alice", me.GetProperty("name").GetString());
        Assert.Equal("/avatar.jpg", me.GetProperty("avatar_url").GetString());
        var user = me.GetProperty("user");
        Assert.Equal(["id", "username"], HttpAssert.Keys(user));
        Assert.Equal("alice", user.GetProperty("username").GetString());

        var listed = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync("/api/users/alice"));
        Assert.Equal(listed.GetProperty("id").GetString(), user.GetProperty("id").GetString());
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", user.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Me_without_credentials_is_401()
    {
        using var client = server.Anonymous();
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await client.GetAsync("/api/me"));
    }

    /// <summary>quetz answers 401 to a key (session only); the rebuild accepts keys too (contract §17.2).</summary>
    [Fact]
    public async Task Me_accepts_an_api_key_and_answers_as_with_a_session()
    {
        using var withKey = server.WithKey(await server.KeyForAsync("carol"));
        using var withSession = await server.LoggedInAsync("carol");

        var byKey = await HttpAssert.StatusAsync(HttpStatusCode.OK, await withKey.GetAsync("/api/me"));
        var bySession = await HttpAssert.StatusAsync(HttpStatusCode.OK, await withSession.GetAsync("/api/me"));
        Assert.Equal("carol", byKey.GetProperty("user").GetProperty("username").GetString());
        Assert.Equal(bySession.GetRawText(), byKey.GetRawText());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task Logout_ends_the_session_and_redirects_to_the_root(string method)
    {
        using var client = await server.LoggedInAsync("dave");
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync("/api/me"));

        using var logout = new HttpRequestMessage(new HttpMethod(method), "/auth/logout");
        var response = await client.SendAsync(logout);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);

        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await client.GetAsync("/api/me"));
    }
}

public sealed class DevLoginOnSqlite(SqliteQuetzServer server) : DevLoginTests<SqliteQuetzServer>(server);

public sealed class DevLoginOnPostgres(PostgresQuetzServer server) : DevLoginTests<PostgresQuetzServer>(server);
