using System.Text.RegularExpressions;

namespace Quetz.Host.Plugins;

/// <summary>
/// Points one <c>[plugins.&lt;name&gt;]</c> table of <c>plugins.toml</c> at an installed NuGet package, leaving every
/// other line of the file as the operator wrote it (comments, other plugins, this plugin's settings).
/// </summary>
internal static partial class PluginsFileEditor
{
    /// <summary>Rewrites <paramref name="text"/> so the plugin <paramref name="name"/> loads package <paramref name="id"/> <paramref name="version"/>.</summary>
    public static string SetPackage(string text, string name, string id, string version)
    {
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = text.Length == 0 ? [] : text.Split(newline).ToList();
        string[] table = [$"package = \"{id}\"", $"version = \"{version}\"", "enabled = true"];
        var start = lines.FindIndex(l => Header().Match(l) is { Success: true } m && Unquote(m.Groups[1].Value) == name);
        if (start < 0)
        {
            while (lines.Count > 0 && lines[^1].Trim().Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }

            if (lines.Count > 0)
            {
                lines.Add("");
            }

            lines.AddRange([$"[plugins.{name}]", .. table, ""]);
            return string.Join(newline, lines);
        }

        var end = lines.FindIndex(start + 1, l => l.TrimStart().StartsWith('['));
        end = end < 0 ? lines.Count : end;
        for (var i = end - 1; i > start; i--)
        {
            if (ReplacedKey().IsMatch(lines[i]))
            {
                lines.RemoveAt(i);
            }
        }

        lines.InsertRange(start + 1, table);
        return string.Join(newline, lines);
    }

    private static string Unquote(string key) => key.Length > 1 && key[0] == '"' && key[^1] == '"' ? key[1..^1] : key;

    [GeneratedRegex("""^\s*\[\s*plugins\s*\.\s*("[^"]*"|[A-Za-z0-9_-]+)\s*\]\s*(#.*)?$""")]
    private static partial Regex Header();

    /// <summary>The keys an install sets; <c>path</c> goes because a table names a folder or a package, not both.</summary>
    [GeneratedRegex("""^\s*(package|version|enabled|path)\s*=""")]
    private static partial Regex ReplacedKey();
}
