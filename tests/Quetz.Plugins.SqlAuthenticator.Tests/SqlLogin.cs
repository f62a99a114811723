using System.Net;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Plugins.SqlAuthenticator.Tests;

/// <summary>Creating credentials through the API as alice, and logging in through the form as a browser would.</summary>
public static class SqlLogin
{
    public static string NewUsername() => "sql-" + Guid.NewGuid().ToString("N")[..10];

    public static async Task CreateCredentialAsync(this QuetzServer server, string username, string password)
    {
        using var alice = server.WithKey(server.AliceKey);
        var body = await HttpAssert.StatusAsync(HttpStatusCode.OK,
            await alice.PostAsync($"/api/sqlauth/credentials/{username}?password={Uri.EscapeDataString(password)}", null));
        Assert.Equal(username, body.GetString());
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects.</summary>
    public static HttpClient Browser(this QuetzServer server) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = server.BaseAddress };

    public static Task<HttpResponseMessage> LogInAsync(this HttpClient browser, string username, string password) =>
        browser.PostAsync("/auth/sql/authorize", new FormUrlEncodedContent([new("username", username), new("password", password)]));

    /// <summary>Logs in and checks the redirect to "/" and the session that /api/me accepts.</summary>
    public static async Task LogsInAsync(this QuetzServer server, string username, string password)
    {
        using var browser = server.Browser();
        var response = await browser.LogInAsync(username, password);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var me = await HttpAssert.StatusAsync(HttpStatusCode.OK, await browser.GetAsync("/api/me"));
        Assert.Equal(username, me.GetProperty("user").GetProperty("username").GetString());
    }

    /// <summary>Checks a refused login: the status, no session cookie, and /api/me still anonymous.</summary>
    public static async Task<HttpResponseMessage> IsRefusedAsync(this QuetzServer server, HttpStatusCode status, string username, string password)
    {
        using var browser = server.Browser();
        var response = await browser.LogInAsync(username, password);
        Assert.Equal(status, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("session=", StringComparison.Ordinal));
        await HttpAssert.StatusAsync(HttpStatusCode.Unauthorized, await browser.GetAsync("/api/me"));
        return response;
    }
}
