using System.Net;
using System.Net.Http.Json;

namespace Quetz.Host.Tests.Infrastructure;

/// <summary>Arranges channels, packages and members through the API, as alice (the server owner).</summary>
public static class ChannelSetup
{
    public static string NewName(string prefix = "c") => prefix + Guid.NewGuid().ToString("N")[..10];

    public static async Task<string> CreateChannelAsync(this QuetzServer server, bool isPrivate = false)
    {
        var name = NewName();
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.Created,
            await alice.PostAsJsonAsync("/api/channels", new { name, @private = isPrivate }));
        return name;
    }

    public static async Task CreatePackageAsync(this QuetzServer server, string channel, string package)
    {
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.Created,
            await alice.PostAsJsonAsync($"/api/channels/{channel}/packages", new { name = package }));
    }

    public static async Task AddChannelMemberAsync(this QuetzServer server, string channel, string username, string role)
    {
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.Created,
            await alice.PostAsJsonAsync($"/api/channels/{channel}/members", new { username, role }));
    }

    public static async Task AddPackageMemberAsync(this QuetzServer server, string channel, string package, string username, string role)
    {
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.Created,
            await alice.PostAsJsonAsync($"/api/channels/{channel}/packages/{package}/members", new { username, role }));
    }
}
