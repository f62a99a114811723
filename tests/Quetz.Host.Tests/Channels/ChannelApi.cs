using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Channels;

/// <summary>The channel calls the channel tests set their scene with; each asserts that the call worked.</summary>
internal static class ChannelApi
{
    /// <summary>quetz's ChannelExtra, in order: quetz-client builds a dataclass from exactly these keys.</summary>
    public static readonly string[] ChannelExtraKeys =
        ["name", "description", "private", "size_limit", "ttl", "mirror_channel_url", "mirror_mode", "members_count", "packages_count"];

    /// <summary>quetz's ChannelBase, in order: what PATCH answers.</summary>
    public static readonly string[] ChannelBaseKeys = ["name", "description", "private", "size_limit", "ttl", "mirror_channel_url", "mirror_mode"];

    /// <summary>A channel name no other test uses (the server is shared by every test of a class).</summary>
    public static string NewName(string prefix = "c") => prefix + Guid.NewGuid().ToString("N")[..10];

    public static async Task CreateAsync(HttpClient client, string name, bool isPrivate)
    {
        var response = await client.PostAsJsonAsync("/api/channels", new { name, @private = isPrivate });
        await HttpAssert.NullAsync(HttpStatusCode.Created, response);
    }

    public static async Task AddMemberAsync(HttpClient client, string channel, string username, string role)
    {
        var response = await client.PostAsJsonAsync($"/api/channels/{channel}/members", new { username, role });
        await HttpAssert.NullAsync(HttpStatusCode.Created, response);
    }

    public static async Task AddPackageAsync(HttpClient client, string channel, string package)
    {
        var response = await client.PostAsJsonAsync($"/api/channels/{channel}/packages", new { name = package });
        await HttpAssert.StatusAsync(HttpStatusCode.Created, response);
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, string channel) =>
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync($"/api/channels/{channel}"));

    /// <summary>The members list as <c>username → role</c>.</summary>
    public static async Task<Dictionary<string, string>> MembersAsync(HttpClient client, string channel)
    {
        var body = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync($"/api/channels/{channel}/members"));
        return body.EnumerateArray().ToDictionary(
            m => m.GetProperty("user").GetProperty("username").GetString()!, m => m.GetProperty("role").GetString()!);
    }

    /// <summary>Sets a dev user's server role as alice, the server owner.</summary>
    public static async Task SetServerRoleAsync(QuetzServer server, string username, string? role)
    {
        using var alice = server.WithKey(server.AliceKey);
        var response = await alice.PutAsJsonAsync($"/api/users/{username}/role", new { role });
        await HttpAssert.StatusAsync(HttpStatusCode.OK, response);
    }

    /// <summary>A body sent as is, for requests no serializer would produce.</summary>
    public static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PatchAsync(HttpClient client, string channel, object body) =>
        client.PatchAsJsonAsync($"/api/channels/{channel}", body);

    /// <summary>The names in a list of channels (or a paginated <c>result</c>).</summary>
    public static string[] Names(JsonElement channels) =>
        channels.EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray();
}
