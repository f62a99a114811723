using System.Net;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Plugins;

/// <summary>A server loading a plugin built against Quetz.Abstractions 1.0.0.</summary>
public sealed class OlderContractServer : QuetzServer
{
    protected override Task<string> DatabaseUrlAsync() => Task.FromResult("sqlite:///./quetz.sqlite");

    protected override string PluginsToml => PluginFixtures.Table("older", Path.Combine("ContractV1_0", "Quetz.Fixtures.OlderContract"));
}

public sealed class OlderContractTests(OlderContractServer server) : IClassFixture<OlderContractServer>
{
    [Fact]
    public async Task A_plugin_built_against_an_older_minor_version_of_the_contract_loads_and_runs_on_the_hosts_contract()
    {
        using var client = server.Anonymous();
        var response = await client.GetAsync("/api/fixture-older-contract");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PluginFixtures.HostContract, await response.Content.ReadAsStringAsync());
    }
}
