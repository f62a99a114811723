using System.Net;
using System.Text.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Plugins;

/// <summary>Two plugins built against different versions of Newtonsoft.Json (the host has its own, through Hangfire) in one host.</summary>
public sealed class IsolationServer : QuetzServer
{
    protected override Task<string> DatabaseUrlAsync() => Task.FromResult("sqlite:///./quetz.sqlite");

    protected override string PluginsToml =>
        PluginFixtures.Table("json_old", "Quetz.Fixtures.JsonOld") + PluginFixtures.Table("json_new", "Quetz.Fixtures.JsonNew");
}

public sealed class IsolationTests(IsolationServer server) : IClassFixture<IsolationServer>
{
    [Fact]
    public async Task Each_plugin_runs_with_its_own_version_of_a_shared_library()
    {
        using var client = server.Anonymous();
        var old = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync("/api/fixture-json-old/version"));
        var @new = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync("/api/fixture-json-new/version"));

        Assert.StartsWith("12.0.3.", old.GetProperty("version").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("13.0.3.", @new.GetProperty("version").GetString(), StringComparison.Ordinal);
        var contexts = new[] { old, @new }.Select(v => v.GetProperty("load_context").GetString()).ToList();
        Assert.DoesNotContain("Default", contexts);
        Assert.NotEqual(contexts[0], contexts[1]);
    }

    [Fact]
    public async Task Plugins_api_lists_each_loaded_plugin_with_its_origin()
    {
        using var alice = server.WithKey(server.AliceKey);
        var plugins = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync("/api/plugins"));
        var old = plugins.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "json_old");
        Assert.Equal($"path {PluginFixtures.OutputOf("Quetz.Fixtures.JsonOld")}", old.GetProperty("origin").GetString());
        Assert.Equal("1.0.0", old.GetProperty("version").GetString());
        Assert.Equal<string>(["routes"], old.GetProperty("extension_points").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Contains(plugins.EnumerateArray(), p => p.GetProperty("name").GetString() == "json_new");
        Assert.Equal(JsonValueKind.Array, plugins.ValueKind);
    }
}
