using System.Net;
using System.Net.Http.Headers;
using Quetz.Host.Tests.Infrastructure;
using Quetz.Host.Tests.Users;

namespace Quetz.Host.Tests.Identity;

/// <summary>
/// Where an API key may travel (header, <c>/t/&lt;key&gt;/</c>, <c>Authorization</c>) and what a key that does
/// not work means: the caller is anonymous, even with a valid session cookie (contract §1, §5.1, tests A5–A6).
/// </summary>
public abstract class CredentialFormsTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    private const string BogusKey = "ThisKeyWasNeverIssuedByTheServer";

    [Theory]
    [InlineData("/api/me")]
    [InlineData("/api/users")]
    [InlineData("/api/api-keys")]
    [InlineData("/api/users/alice")]
    public async Task A_bogus_key_is_anonymous(string route)
    {
        using var client = server.WithKey(BogusKey);
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await client.GetAsync(route));
    }

    [Fact]
    public async Task A_deleted_key_is_anonymous()
    {
        using var carol = await server.LoggedInAsync("carol");
        var key = (await carol.CreateKeyAsync(new { description = "short-lived", roles = Array.Empty<object>() })).GetProperty("key").GetString()!;
        using var withKey = server.WithKey(key);
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await withKey.GetAsync("/api/users"));

        await HttpAssert.StatusAsync(HttpStatusCode.OK, await carol.DeleteAsync($"/api/api-keys/{key}"));

        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await withKey.GetAsync("/api/users"));
    }

    [Fact]
    public async Task An_expired_key_is_anonymous()
    {
        using var carol = await server.LoggedInAsync("carol");
        var key = (await carol.CreateKeyAsync(new { description = "expired", roles = Array.Empty<object>(), expire_at = "2020-01-01" }))
            .GetProperty("key").GetString()!;

        using var withKey = server.WithKey(key);
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await withKey.GetAsync("/api/users"));
    }

    [Fact]
    public async Task A_bad_key_hides_a_valid_session_cookie()
    {
        using var client = await server.LoggedInAsync("alice");
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync("/api/me"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("X-API-Key", BogusKey);
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await client.SendAsync(request));
    }

    [Fact]
    public async Task An_empty_key_header_falls_back_to_the_session_cookie()
    {
        using var client = await server.LoggedInAsync("bob");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.TryAddWithoutValidation("X-API-Key", "");
        var me = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.SendAsync(request));
        Assert.Equal("bob", me.GetProperty("user").GetProperty("username").GetString());
    }

    [Fact]
    public async Task Key_in_the_path_gives_the_same_channel_list_as_the_header()
    {
        // A private channel only alice sees makes the two answers differ from the anonymous one.
        var channel = await server.PrivateChannelAsync();
        using var withHeader = server.WithKey(server.AliceKey);
        using var anonymous = server.Anonymous();

        var byHeader = await HttpAssert.StatusAsync(HttpStatusCode.OK, await withHeader.GetAsync("/api/channels"));
        var byPath = await HttpAssert.StatusAsync(HttpStatusCode.OK, await anonymous.GetAsync($"/t/{server.AliceKey}/api/channels"));
        var byNobody = await HttpAssert.StatusAsync(HttpStatusCode.OK, await anonymous.GetAsync("/api/channels"));

        Assert.Contains(channel, byHeader.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(byHeader.GetRawText(), byPath.GetRawText());
        Assert.DoesNotContain(channel, byNobody.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Key_in_the_path_authenticates_any_route()
    {
        using var anonymous = server.Anonymous();
        var user = await HttpAssert.StatusAsync(HttpStatusCode.OK, await anonymous.GetAsync($"/t/{server.AliceKey}/api/users/alice"));
        Assert.Equal("alice", user.GetProperty("username").GetString());

        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await anonymous.GetAsync($"/t/{BogusKey}/api/users/alice"));
    }

    /// <summary>quetz appends the path key after the client's headers, so an X-API-Key the client sent wins.</summary>
    [Fact]
    public async Task A_key_header_wins_over_a_key_in_the_path()
    {
        using var good = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await good.GetAsync($"/t/{BogusKey}/api/users/alice"));

        using var bad = server.WithKey(BogusKey);
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await bad.GetAsync($"/t/{server.AliceKey}/api/users/alice"));
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("token")]
    public async Task Authorization_header_carries_a_key(string scheme)
    {
        using var client = server.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(scheme, server.AliceKey);
        var me = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync("/api/me"));
        Assert.Equal("alice", me.GetProperty("user").GetProperty("username").GetString());

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(scheme, BogusKey);
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await client.GetAsync("/api/me"));
    }
}

public sealed class CredentialFormsOnSqlite(SqliteQuetzServer server) : CredentialFormsTests<SqliteQuetzServer>(server);

public sealed class CredentialFormsOnPostgres(PostgresQuetzServer server) : CredentialFormsTests<PostgresQuetzServer>(server);
