using System.Net;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Plugins;

/// <summary>One plugin enabled, one with a route disabled, and a disabled one that would fail if it were loaded.</summary>
public sealed class ToggleServer : QuetzServer
{
    protected override Task<string> DatabaseUrlAsync() => Task.FromResult("sqlite:///./quetz.sqlite");

    protected override string PluginsToml =>
        PluginFixtures.Table("json_old", "Quetz.Fixtures.JsonOld")
        + PluginFixtures.Table("json_new", "Quetz.Fixtures.JsonNew", enabled: false)
        + PluginFixtures.Table("throwing", "Quetz.Fixtures.Throwing", enabled: false);
}

public sealed class ToggleTests(ToggleServer server) : IClassFixture<ToggleServer>
{
    [Fact]
    public async Task A_disabled_plugin_is_neither_loaded_nor_listed_and_its_route_is_gone()
    {
        using var client = server.Anonymous();
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync("/api/fixture-json-old/version"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/fixture-json-new/version")).StatusCode);

        using var alice = server.WithKey(server.AliceKey);
        var plugins = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync("/api/plugins"));
        Assert.Equal<string>(["json_old"], plugins.EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToArray());
    }
}
