using System.Net;
using System.Net.Http.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Mirrors;

/// <summary>
/// The mirror registry. The "remote" mirror is a mirror-mode channel on the same real server, reached over
/// HTTP exactly as a mirror on another host would be.
/// </summary>
public abstract class ChannelMirrorsTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    private async Task<string> CreateMirrorChannelAsync(string primary)
    {
        var name = ChannelSetup.NewName("m");
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await alice.PostAsJsonAsync("/api/channels", new
        {
            name,
            @private = false,
            mirror_channel_url = new Uri(server.BaseAddress, $"/get/{primary}").ToString(),
            mirror_mode = "mirror",
            actions = Array.Empty<string>(),
        }));
        return name;
    }

    [Fact]
    public async Task A_quetz_mirror_channel_is_registered_listed_and_deleted()
    {
        var primary = await server.CreateChannelAsync();
        var mirror = await CreateMirrorChannelAsync(primary);
        var url = new Uri(server.BaseAddress, $"/get/{mirror}").ToString();
        using var alice = server.WithKey(server.AliceKey);

        await HttpAssert.StatusAsync(HttpStatusCode.Created, await alice.PostAsJsonAsync($"/api/channels/{primary}/mirrors", new { url }));
        await HttpAssert.DetailAsync(HttpStatusCode.Conflict, $"mirror {url} exists",
            await alice.PostAsJsonAsync($"/api/channels/{primary}/mirrors", new { url }));

        using var anonymous = server.Anonymous();
        var mirrors = await HttpAssert.StatusAsync(HttpStatusCode.OK, await anonymous.GetAsync($"/api/channels/{primary}/mirrors"));
        var entry = Assert.Single(mirrors.EnumerateArray());
        Assert.Equal(["id", "url", "api_endpoint", "metrics_endpoint"], HttpAssert.Keys(entry));
        Assert.Equal(new Uri(server.BaseAddress, $"/api/channels/{mirror}").ToString(), entry.GetProperty("api_endpoint").GetString());
        Assert.Equal(new Uri(server.BaseAddress, $"/metrics/channels/{mirror}").ToString(), entry.GetProperty("metrics_endpoint").GetString());

        var id = entry.GetProperty("id").GetString();
        using var bob = await server.AsAsync("bob");
        await HttpAssert.DetailAsync(HttpStatusCode.Forbidden, "No permission", await bob.DeleteAsync($"/api/channels/{primary}/mirrors/{id}"));
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.DeleteAsync($"/api/channels/{primary}/mirrors/{id}"));
        await HttpAssert.StatusAsync(HttpStatusCode.NotFound, await alice.DeleteAsync($"/api/channels/{primary}/mirrors/{id}"));
        await HttpAssert.ValidationAsync("valid UUID", await alice.DeleteAsync($"/api/channels/{primary}/mirrors/not-a-uuid"));
    }

    [Fact]
    public async Task Only_channel_owners_and_maintainers_register_mirrors()
    {
        var primary = await server.CreateChannelAsync();
        var mirror = await CreateMirrorChannelAsync(primary);
        await server.AddChannelMemberAsync(primary, "bob", "member");
        using var bob = await server.AsAsync("bob");
        await HttpAssert.DetailAsync(HttpStatusCode.Forbidden, "No permission",
            await bob.PostAsJsonAsync($"/api/channels/{primary}/mirrors", new { url = new Uri(server.BaseAddress, $"/get/{mirror}").ToString() }));
        using var anonymous = server.Anonymous();
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in",
            await anonymous.PostAsJsonAsync($"/api/channels/{primary}/mirrors", new { url = new Uri(server.BaseAddress, $"/get/{mirror}").ToString() }));
    }

    [Fact]
    public async Task Remotes_that_are_not_quetz_mirrors_are_refused_and_nothing_is_stored()
    {
        var primary = await server.CreateChannelAsync();
        var local = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        var localUrl = new Uri(server.BaseAddress, $"/get/{local}").ToString();
        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, $"{localUrl} is not a mirror server",
            await alice.PostAsJsonAsync($"/api/channels/{primary}/mirrors", new { url = localUrl }));

        var notQuetz = new Uri(server.BaseAddress, "/get/x").ToString();
        await HttpAssert.DetailAsync(HttpStatusCode.UnprocessableEntity, "mirror server is not quetz server",
            await alice.PostAsJsonAsync($"/api/channels/{primary}/mirrors",
                new { url = notQuetz, api_endpoint = new Uri(server.BaseAddress, "/health/live").ToString() }));

        var unreachable = $"http://127.0.0.1:{Cli.QuetzProcess.FreePort()}/get/x";
        await HttpAssert.DetailAsync(HttpStatusCode.UnprocessableEntity, $"could not connect to remote repository {unreachable}",
            await alice.PostAsJsonAsync($"/api/channels/{primary}/mirrors", new { url = unreachable }));

        await HttpAssert.ValidationAsync("String should match pattern",
            await alice.PostAsJsonAsync($"/api/channels/{primary}/mirrors", new { url = "ftp://example.org/get/x" }));

        var mirrors = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/channels/{primary}/mirrors"));
        Assert.Equal(0, mirrors.GetArrayLength());
    }
}

public sealed class ChannelMirrorsOnSqlite(SqliteQuetzServer server) : ChannelMirrorsTests<SqliteQuetzServer>(server);

public sealed class ChannelMirrorsOnPostgres(PostgresQuetzServer server) : ChannelMirrorsTests<PostgresQuetzServer>(server);
