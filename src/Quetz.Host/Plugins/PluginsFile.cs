using System.Collections;
using System.Globalization;
using Quetz.Host.Config;
using Tomlyn;
using Tomlyn.Model;

namespace Quetz.Host.Plugins;

/// <summary>
/// Reads <c>plugins.toml</c>: one <c>[plugins.&lt;name&gt;]</c> table per plugin with <c>enabled</c>, where it comes
/// from (<c>path</c>, or <c>package</c> and <c>version</c>, or neither for a plugin bundled with the host) and a
/// <c>settings</c> table. <c>QUETZ_PLUGIN_&lt;NAME&gt;_&lt;KEY&gt;</c> overrides a setting.
/// </summary>
internal static class PluginsFile
{
    public const string FileName = "plugins.toml";

    private static readonly HashSet<string> Keys = ["enabled", "path", "package", "version", "assembly", "settings"];

    /// <summary>The plugins file of a deployment: <c>$QUETZ_PLUGINS_FILE</c>, else the deployment's plugins.toml.</summary>
    public static string PathFor(string deploymentDirectory, IDictionary environment) =>
        environment["QUETZ_PLUGINS_FILE"] is string file && file.Length > 0 ? System.IO.Path.GetFullPath(file) : System.IO.Path.Combine(deploymentDirectory, FileName);

    /// <summary>Every entry of the file, or none when there is no file.</summary>
    public static IReadOnlyList<PluginEntry> Read(string path, IDictionary environment)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        TomlTable root;
        try
        {
            root = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(path)) ?? [];
        }
        catch (TomlException e)
        {
            throw new ConfigException($"{path}: invalid TOML: {e.Message.Split('\n')[0]}");
        }

        foreach (var key in root.Keys.Where(k => k != "plugins"))
        {
            throw new ConfigException($"{path}: unknown key '{key}': plugins are tables [plugins.<name>]");
        }

        if (!root.TryGetValue("plugins", out var plugins))
        {
            return [];
        }

        if (plugins is not TomlTable table)
        {
            throw new ConfigException($"{path}: 'plugins' must be a table of [plugins.<name>] tables");
        }

        var names = table.Keys.ToList();
        return [.. table.Select(p => Entry(path, p.Key, p.Value, EnvironmentSettings(p.Key, names, environment)))];
    }

    private static PluginEntry Entry(string file, string name, object? value, IReadOnlyDictionary<string, string?> fromEnvironment)
    {
        var where = $"{file}: [plugins.{name}]";
        if (value is not TomlTable table)
        {
            throw new ConfigException($"{where} must be a table");
        }

        if (table.Keys.FirstOrDefault(k => !Keys.Contains(k)) is { } unknown)
        {
            throw new ConfigException($"{where}: unknown key '{unknown}' (expected {string.Join(", ", Keys)})");
        }

        var enabled = table.TryGetValue("enabled", out var e)
            ? e as bool? ?? throw new ConfigException($"{where} enabled: expected true or false")
            : true;
        var path = Text(table, "path", where);
        var package = Text(table, "package", where);
        var version = Text(table, "version", where);
        if (path is not null && package is not null)
        {
            throw new ConfigException($"{where}: give either path or package, not both");
        }

        if (package is not null && version is null)
        {
            throw new ConfigException($"{where}: package '{package}' needs a version");
        }

        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (table.TryGetValue("settings", out var raw))
        {
            if (raw is not TomlTable settingsTable)
            {
                throw new ConfigException($"{where} settings: expected a table");
            }

            Flatten(settingsTable, "", settings);
        }

        foreach (var (key, setting) in fromEnvironment)
        {
            settings[key] = setting;
        }

        path = path is null ? null : System.IO.Path.GetFullPath(path, System.IO.Path.GetDirectoryName(file)!);
        return new PluginEntry(name, enabled, path, package, version, Text(table, "assembly", where), settings);
    }

    /// <summary>
    /// The <c>QUETZ_PLUGIN_&lt;NAME&gt;_&lt;KEY&gt;</c> settings of plugin <paramref name="name"/>. A variable belongs to
    /// the plugin with the longest name it fits: QUETZ_PLUGIN_FOO_BAR_KEY is plugin foo_bar's <c>key</c> when the file
    /// has a foo_bar, and plugin foo's <c>bar_key</c> only when it has not.
    /// </summary>
    private static Dictionary<string, string?> EnvironmentSettings(string name, IReadOnlyList<string> names, IDictionary environment)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry variable in environment)
        {
            if (variable.Key is not string key)
            {
                continue;
            }

            var owner = names.Where(n => key.StartsWith(EnvironmentPrefix(n), StringComparison.OrdinalIgnoreCase)).MaxBy(n => n.Length);
            if (owner == name)
            {
                settings[key[EnvironmentPrefix(name).Length..].ToLowerInvariant()] = variable.Value as string;
            }
        }

        return settings;
    }

    private static string EnvironmentPrefix(string name) => $"QUETZ_PLUGIN_{name.ToUpperInvariant()}_";

    private static string? Text(TomlTable table, string key, string where) =>
        !table.TryGetValue(key, out var value) ? null
        : value is string s && s.Length > 0 ? s
        : throw new ConfigException($"{where} {key}: expected a non-empty string");

    private static void Flatten(TomlTable table, string prefix, Dictionary<string, string?> values)
    {
        foreach (var (key, value) in table)
        {
            var path = prefix + key;
            switch (value)
            {
                case TomlTable nested:
                    Flatten(nested, path + ":", values);
                    break;
                case TomlArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        values[$"{path}:{i}"] = Format(array[i]);
                    }

                    break;
                default:
                    values[path] = Format(value);
                    break;
            }
        }
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
