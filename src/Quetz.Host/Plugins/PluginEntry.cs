namespace Quetz.Host.Plugins;

/// <summary>One <c>[plugins.&lt;name&gt;]</c> table of <c>plugins.toml</c>.</summary>
/// <param name="Name">The table's name.</param>
/// <param name="Enabled">Whether to load it.</param>
/// <param name="Path">A folder holding the plugin's build output, relative to plugins.toml; null for bundled or NuGet plugins.</param>
/// <param name="Package">A NuGet package id installed with <c>quetz plugin install</c>.</param>
/// <param name="Version">The installed package's version.</param>
/// <param name="Assembly">The main assembly's name when the folder does not say (no or several <c>.deps.json</c>).</param>
/// <param name="Settings">The <c>settings</c> table, flattened to <c>key</c> / <c>key:inner</c> pairs.</param>
internal sealed record PluginEntry(
    string Name,
    bool Enabled,
    string? Path,
    string? Package,
    string? Version,
    string? Assembly,
    IReadOnlyDictionary<string, string?> Settings);
