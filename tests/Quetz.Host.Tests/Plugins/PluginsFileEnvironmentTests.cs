using System.Collections;
using Quetz.Host.Plugins;

namespace Quetz.Host.Tests.Plugins;

/// <summary>QUETZ_PLUGIN_&lt;NAME&gt;_&lt;KEY&gt; reaches exactly one plugin, also when one name starts another.</summary>
public sealed class PluginsFileEnvironmentTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"plugins-{Guid.NewGuid():N}.toml");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void A_variable_belongs_to_the_plugin_with_the_longest_name_it_fits()
    {
        File.WriteAllText(_file, "[plugins.foo]\n[plugins.foo.settings]\ncolor = \"blue\"\n[plugins.foo_bar]\n");
        var environment = new Hashtable
        {
            ["QUETZ_PLUGIN_FOO_COLOR"] = "red",
            ["QUETZ_PLUGIN_FOO_BAR_KEY"] = "x",
            ["QUETZ_PLUGIN_FOOBAR_KEY"] = "neither",
        };

        var plugins = PluginsFile.Read(_file, environment).ToDictionary(p => p.Name);

        Assert.Equal(new Dictionary<string, string?> { ["color"] = "red" }, plugins["foo"].Settings);
        Assert.Equal(new Dictionary<string, string?> { ["key"] = "x" }, plugins["foo_bar"].Settings);
    }

    [Fact]
    public void Without_the_longer_plugin_the_shorter_one_takes_the_rest_of_the_name_as_its_key()
    {
        File.WriteAllText(_file, "[plugins.foo]\n");
        var environment = new Hashtable { ["QUETZ_PLUGIN_FOO_BAR_KEY"] = "x" };

        var foo = Assert.Single(PluginsFile.Read(_file, environment));

        Assert.Equal(new Dictionary<string, string?> { ["bar_key"] = "x" }, foo.Settings);
    }
}
