using System.Net;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Identity;

/// <summary>A SQLite server with <c>[general] dev_login = false</c>, as in production.</summary>
public sealed class NoDevLoginQuetzServer : QuetzServer
{
    protected override Task<string> DatabaseUrlAsync() => Task.FromResult("sqlite:///./quetz.sqlite");

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("general:dev_login", "false")];
}

/// <summary>
/// quetz always serves <c>/api/dummylogin/{user}</c>, which lets anyone impersonate anyone; the rebuild
/// serves it only when dev login is switched on (contract §17.2).
/// </summary>
public sealed class DevLoginDisabledTests(NoDevLoginQuetzServer server) : IClassFixture<NoDevLoginQuetzServer>
{
    [Fact]
    public async Task Dev_login_route_does_not_exist()
    {
        using var client = server.Anonymous();
        var response = await client.GetAsync("/api/dummylogin/alice");
        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, "Not Found", response);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Api_keys_still_authenticate()
    {
        using var client = server.WithKey(server.AliceKey);
        var me = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync("/api/me"));
        Assert.Equal("alice", me.GetProperty("user").GetProperty("username").GetString());
    }
}
