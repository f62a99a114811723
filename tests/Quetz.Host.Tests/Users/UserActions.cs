using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Users;

/// <summary>Set-up steps the user, identity and API-key tests share, each done through the API and checked.</summary>
internal static class UserActions
{
    /// <summary>A channel name no other test uses.</summary>
    public static string UniqueChannel() => "c" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Gives <paramref name="username"/> a server role (null removes it), as alice, the server owner.</summary>
    public static async Task SetServerRoleAsync(this QuetzServer server, string username, string? role)
    {
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.PutAsJsonAsync($"/api/users/{username}/role", new { role }));
    }

    public static async Task<string?> ServerRoleAsync(this QuetzServer server, string username)
    {
        using var alice = server.WithKey(server.AliceKey);
        var body = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/users/{username}/role"));
        return body.GetProperty("role").GetString();
    }

    /// <summary>A new private channel owned by alice, with <paramref name="members"/> added as (username, role).</summary>
    public static async Task<string> PrivateChannelAsync(this QuetzServer server, params (string Username, string Role)[] members)
    {
        var name = UniqueChannel();
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await alice.PostAsJsonAsync("/api/channels", new { name, @private = true }));
        foreach (var (username, role) in members)
        {
            await HttpAssert.StatusAsync(HttpStatusCode.Created,
                await alice.PostAsJsonAsync($"/api/channels/{name}/members", new { username, role }));
        }

        return name;
    }

    /// <summary>POST /api/api-keys with <paramref name="body"/>; returns the response for the test to judge.</summary>
    public static Task<HttpResponseMessage> PostKeyAsync(this HttpClient client, object body) => client.PostAsJsonAsync("/api/api-keys", body);

    /// <summary>A key made through the API by <paramref name="client"/>; the 201 response body.</summary>
    public static async Task<JsonElement> CreateKeyAsync(this HttpClient client, object body) =>
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await client.PostKeyAsync(body));

    /// <summary>The <c>username</c> values of a JSON list of users.</summary>
    public static string[] Usernames(JsonElement users) => users.EnumerateArray().Select(u => u.GetProperty("username").GetString() ?? "").ToArray();
}
