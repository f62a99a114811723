using Quetz.Host.Config;
using Quetz.Host.Tests.Cli;

namespace Quetz.Host.Tests.Plugins;

/// <summary>An enabled plugin that cannot be loaded stops start-up, naming the plugin and the reason.</summary>
public sealed class BrokenPluginTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "quetz-broken-" + Guid.NewGuid().ToString("N")[..10]);

    public BrokenPluginTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Build(string pluginsToml)
    {
        File.WriteAllText(Path.Combine(_directory, "plugins.toml"), pluginsToml);
        var deployment = new Deployment(_directory, null, new Dictionary<string, string?>
        {
            ["sqlalchemy:database_url"] = "sqlite:///./quetz.sqlite",
            ["session:secret"] = "broken-plugin-tests",
        });
        return Assert.Throws<ConfigException>(() => QuetzWebApp.Build(deployment, ["http://127.0.0.1:0"])).Message;
    }

    [Fact]
    public void A_missing_folder()
    {
        var missing = Path.Combine(_directory, "nowhere");
        var message = Build($"[plugins.lost]\npath = \"{missing}\"\n");
        Assert.Equal($"plugin 'lost' (path {missing}) could not be loaded: folder {missing} does not exist", message);
    }

    [Fact]
    public void A_missing_package_says_how_to_install_it()
    {
        var message = Build("[plugins.absent]\npackage = \"Contoso.Absent\"\nversion = \"1.2.0\"\n");
        Assert.StartsWith("plugin 'absent' (nuget Contoso.Absent 1.2.0) could not be loaded: package Contoso.Absent 1.2.0 is not installed", message, StringComparison.Ordinal);
        Assert.EndsWith("(run: quetz plugin install Contoso.Absent --version 1.2.0)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assembly_without_an_entry_class()
    {
        var message = Build(PluginFixtures.Table("no_entry", "Quetz.Fixtures.NoEntry"));
        Assert.StartsWith("plugin 'no_entry' (path ", message, StringComparison.Ordinal);
        Assert.EndsWith("could not be loaded: Quetz.Fixtures.NoEntry has no public class implementing IQuetzPlugin", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plugin_whose_registration_throws()
    {
        var message = Build(PluginFixtures.Table("throwing", "Quetz.Fixtures.Throwing"));
        Assert.StartsWith("plugin 'throwing' (path ", message, StringComparison.Ordinal);
        Assert.EndsWith("failed to register its services: the setting 'endpoint' is required", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plugin_built_against_another_major_version_of_the_contract()
    {
        var message = Build(PluginFixtures.Table("future", Path.Combine("ContractV2", "Quetz.Fixtures.FutureContract")));
        Assert.EndsWith($"could not be loaded: it was built against Quetz.Abstractions 2.0.0, and this host provides {PluginFixtures.HostContract}; major versions differ",
            message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plugin_built_against_a_newer_minor_version_of_the_contract()
    {
        var message = Build(PluginFixtures.Table("newer", Path.Combine("ContractV1_9", "Quetz.Fixtures.NewerContract")));
        Assert.EndsWith($"could not be loaded: it was built against Quetz.Abstractions 1.9.0, and this host provides {PluginFixtures.HostContract}; it needs a newer host",
            message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quetz_start_exits_with_1_and_the_reason_on_stderr()
    {
        var deployment = Path.Combine(_directory, "deployment");
        Assert.Equal(0, (await QuetzProcess.RunAsync(["create", deployment, "--create-conf"])).ExitCode);
        await File.WriteAllTextAsync(Path.Combine(deployment, "plugins.toml"),
            "# a working plugin, then a broken one\n" + PluginFixtures.Table("json_old", "Quetz.Fixtures.JsonOld") + PluginFixtures.Table("throwing", "Quetz.Fixtures.Throwing"));

        var (code, _, stderr) = await QuetzProcess.RunAsync(["start", deployment, "--port", QuetzProcess.FreePort().ToString()]);

        Assert.Equal(1, code);
        Assert.StartsWith("error: plugin 'throwing' (path ", stderr, StringComparison.Ordinal);
        Assert.Contains("failed to register its services: the setting 'endpoint' is required", stderr, StringComparison.Ordinal);
    }
}
