using System.Net;
using System.Security.Cryptography;
using System.Text;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Plugins.SqlAuthenticator.Tests;

/// <summary>The login form, sessions, password storage and the per-user limit on failed logins.</summary>
public abstract class LoginTests<TServer>(TServer server) : IClassFixture<TServer>
    where TServer : SqlAuthServer
{
    /// <summary>
    /// What passlib's <c>pbkdf2_sha256.hash("password123")</c> stored (29 000 rounds, quetz-sql-authenticator's
    /// default), checked against Python's hashlib.pbkdf2_hmac when this test was written.
    /// </summary>
    private const string PasslibHash = "$pbkdf2-sha256$29000$IKQ0ZowRIkQohbC2FoIwhg$9gMf8YkfzAU7GykhUoBesxMPvZPA2zDtlBQ5hhShK7g";

    [Fact]
    public async Task The_login_form_posts_username_and_password_to_authorize()
    {
        using var anonymous = server.Anonymous();
        var response = await anonymous.GetAsync("/auth/sql/login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("action=\"/auth/sql/authorize\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"username\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"password\" type=\"password\"", html, StringComparison.Ordinal);
        Assert.True((await HttpAssert.StatusAsync(HttpStatusCode.OK, await anonymous.GetAsync("/auth/sql/enabled"))).GetBoolean());
    }

    [Fact]
    public async Task The_authenticator_is_listed_among_the_plugins_extension_points()
    {
        using var alice = server.WithKey(server.AliceKey);
        var plugins = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync("/api/plugins"));
        Assert.Contains("sql_authenticator", plugins.ToString(), StringComparison.Ordinal);
        Assert.Contains("authenticator", plugins.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_right_password_starts_a_session_and_a_wrong_one_does_not()
    {
        var name = SqlLogin.NewUsername();
        await server.CreateCredentialAsync(name, "correct horse");
        await server.LogsInAsync(name, "correct horse");
        var refused = await server.IsRefusedAsync(HttpStatusCode.Unauthorized, name, "wrong horse");
        Assert.Contains("Invalid username or password.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await server.IsRefusedAsync(HttpStatusCode.Unauthorized, SqlLogin.NewUsername(), "correct horse");
        await server.IsRefusedAsync(HttpStatusCode.BadRequest, name, "");
    }

    [Fact]
    public async Task A_form_posted_from_another_site_is_refused_without_counting_as_a_failure()
    {
        var name = SqlLogin.NewUsername();
        await server.CreateCredentialAsync(name, "correct horse");
        (string Header, string Value)[] crossSite =
        [
            ("Origin", "https://attacker.example"),
            ("Origin", $"http://{server.BaseAddress.Host}:1"),
            ("Origin", "null"),
            ("Sec-Fetch-Site", "cross-site"),
            ("Sec-Fetch-Site", "same-site"),
        ];
        foreach (var (header, value) in crossSite)
        {
            using var browser = server.Browser();
            browser.DefaultRequestHeaders.Add(header, value);
            var response = await browser.LogInAsync(name, "correct horse");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("sent from another site", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{header}: {value} got a session");
            await HttpAssert.StatusAsync(HttpStatusCode.Unauthorized, await browser.GetAsync("/api/me"));
        }

        // Five refusals, more than the three failures that lock a user name: none of them counted. The server's own
        // page passes, whichever of the two headers the browser sends.
        (string Header, string Value)[] ownPage = [("Origin", server.BaseAddress.GetLeftPart(UriPartial.Authority)), ("Sec-Fetch-Site", "same-origin")];
        foreach (var (header, value) in ownPage)
        {
            using var browser = server.Browser();
            browser.DefaultRequestHeaders.Add(header, value);
            Assert.Equal(HttpStatusCode.SeeOther, (await browser.LogInAsync(name, "correct horse")).StatusCode);
            var me = await HttpAssert.StatusAsync(HttpStatusCode.OK, await browser.GetAsync("/api/me"));
            Assert.Equal(name, me.GetProperty("user").GetProperty("username").GetString());
        }
    }

    [Fact]
    public async Task A_first_login_gets_the_server_role_users_config_gives_its_sql_name()
    {
        await server.CreateCredentialAsync(UserLimitServer.Maintainer, "maintainer password");
        await server.LogsInAsync(UserLimitServer.Maintainer, "maintainer password");
        using var alice = server.WithKey(server.AliceKey);
        var role = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/users/{UserLimitServer.Maintainer}/role"));
        Assert.Equal("maintainer", role.GetProperty("role").GetString());

        var plain = SqlLogin.NewUsername();
        await server.CreateCredentialAsync(plain, "plain password");
        await server.LogsInAsync(plain, "plain password");
        var none = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/users/{plain}/role"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, none.GetProperty("role").ValueKind);
    }

    [Fact]
    public async Task The_stored_hash_is_pbkdf2_sha256_at_600000_rounds_with_a_random_salt()
    {
        var first = SqlLogin.NewUsername();
        var second = SqlLogin.NewUsername();
        await server.CreateCredentialAsync(first, "same password");
        await server.CreateCredentialAsync(second, "same password");

        var stored = (await server.StoredHashAsync(first))!;
        Assert.DoesNotContain("same password", stored, StringComparison.Ordinal);
        Assert.NotEqual(stored, await server.StoredHashAsync(second));
        var parts = stored.Split('$');
        Assert.Equal(["", "pbkdf2-sha256", "600000"], parts[..3]);
        var salt = FromAb64(parts[3]);
        Assert.Equal(16, salt.Length);
        var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes("same password"), salt, 600_000, HashAlgorithmName.SHA256, 32);
        Assert.Equal(key, FromAb64(parts[4]));
    }

    [Fact]
    public async Task A_hash_taken_over_from_quetz_logs_in_and_is_upgraded()
    {
        var name = SqlLogin.NewUsername();
        await server.InsertCredentialAsync(name, PasslibHash);
        await server.IsRefusedAsync(HttpStatusCode.Unauthorized, name, "password124");
        await server.LogsInAsync(name, "password123");

        var upgraded = (await server.StoredHashAsync(name))!;
        Assert.StartsWith("$pbkdf2-sha256$600000$", upgraded, StringComparison.Ordinal);
        await server.LogsInAsync(name, "password123");
    }

    [Fact]
    public async Task Three_failures_lock_the_user_name_even_for_the_right_password_until_an_admin_resets_it()
    {
        var name = SqlLogin.NewUsername();
        await server.CreateCredentialAsync(name, "right");
        for (var i = 0; i < 3; i++)
        {
            await server.IsRefusedAsync(HttpStatusCode.Unauthorized, name, "wrong");
        }

        var locked = await server.IsRefusedAsync(HttpStatusCode.TooManyRequests, name, "right");
        var retryAfter = int.Parse(Assert.Single(locked.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 890, 900);

        var other = SqlLogin.NewUsername();
        await server.CreateCredentialAsync(other, "fine");
        await server.LogsInAsync(other, "fine");

        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.PutAsync($"/api/sqlauth/credentials/{name}?password=renewed", null));
        await server.LogsInAsync(name, "renewed");
    }

    [Fact]
    public async Task A_success_clears_the_users_earlier_failures()
    {
        var name = SqlLogin.NewUsername();
        await server.CreateCredentialAsync(name, "right");
        await server.IsRefusedAsync(HttpStatusCode.Unauthorized, name, "wrong");
        await server.IsRefusedAsync(HttpStatusCode.Unauthorized, name, "wrong");
        await server.LogsInAsync(name, "right");
        await server.IsRefusedAsync(HttpStatusCode.Unauthorized, name, "wrong");
        await server.IsRefusedAsync(HttpStatusCode.Unauthorized, name, "wrong");
        await server.LogsInAsync(name, "right");
    }

    private static byte[] FromAb64(string text)
    {
        var base64 = text.Replace('.', '+');
        return Convert.FromBase64String(base64 + new string('=', (4 - base64.Length % 4) % 4));
    }
}

public sealed class LoginOnSqlite(UserLimitServerOnSqlite server) : LoginTests<UserLimitServerOnSqlite>(server);

public sealed class LoginOnPostgres(UserLimitServerOnPostgres server) : LoginTests<UserLimitServerOnPostgres>(server);
