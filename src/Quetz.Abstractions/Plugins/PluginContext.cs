using Microsoft.Extensions.Configuration;
using Quetz.Abstractions.Data;

namespace Quetz.Abstractions.Plugins;

/// <summary>What the host tells a plugin while it registers its services.</summary>
public sealed class PluginContext
{
    /// <summary>Creates the context; the host does this for every plugin it loads.</summary>
    public PluginContext(string name, string directory, IConfiguration settings, PluginDatabase database)
    {
        Name = name;
        Directory = directory;
        Settings = settings;
        Database = database;
    }

    /// <summary>The plugin's name in <c>plugins.toml</c>.</summary>
    public string Name { get; }

    /// <summary>The folder the plugin was loaded from, for files it ships next to its assemblies.</summary>
    public string Directory { get; }

    /// <summary>
    /// The plugin's <c>settings</c> table from <c>plugins.toml</c>, overridable with
    /// <c>QUETZ_PLUGIN_&lt;NAME&gt;_&lt;KEY&gt;</c>. Bind it to an options class with
    /// <c>services.AddOptions&lt;T&gt;().Bind(context.Settings)</c>.
    /// </summary>
    public IConfiguration Settings { get; }

    /// <summary>The host's database, for a plugin that owns tables.</summary>
    public PluginDatabase Database { get; }
}
