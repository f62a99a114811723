using System.Collections;
using System.Globalization;
using Tomlyn;
using Tomlyn.Model;
using static Quetz.Host.Config.QuetzConfigSchema;

namespace Quetz.Host.Config;

/// <summary>
/// Reads quetz's <c>config.toml</c> and the <c>QUETZ_SECTION_KEY</c> environment overrides into the flat
/// <c>section:key</c> form of <see cref="Microsoft.Extensions.Configuration.IConfiguration"/>, checking
/// every known key's type so a bad value is reported with its key before anything starts.
/// </summary>
internal static class QuetzConfigLoader
{
    private const string EnvPrefix = "QUETZ_";

    public static Dictionary<string, string?> Load(string? configFile, IDictionary environment)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (configFile is not null)
        {
            ReadFile(configFile, values);
        }

        ApplyEnvironment(environment, values);
        return values;
    }

    /// <summary>Checks that the keys quetz cannot start without are present.</summary>
    public static void RequireMinimum(IReadOnlyDictionary<string, string?> values, string origin)
    {
        foreach (var (section, key) in new[] { ("sqlalchemy", "database_url"), ("session", "secret") })
        {
            if (!values.TryGetValue($"{section}:{key}", out var value) || string.IsNullOrWhiteSpace(value))
            {
                throw new ConfigException(
                    $"{origin}: '{key}' unset but no default specified for section '{section}' " +
                    $"(set [{section}] {key} or QUETZ_{section.ToUpperInvariant()}_{key.ToUpperInvariant()})");
            }
        }
    }

    private static void ReadFile(string path, Dictionary<string, string?> values)
    {
        if (!File.Exists(path))
        {
            throw new ConfigException($"{path}: config file does not exist");
        }

        TomlTable root;
        try
        {
            root = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(path))
                ?? throw new ConfigException($"{path}: empty config");
        }
        catch (TomlException e)
        {
            throw new ConfigException($"{path}: invalid TOML: {FirstLine(e.Message)}");
        }

        foreach (var (sectionName, sectionValue) in root)
        {
            if (sectionValue is not TomlTable section)
            {
                throw new ConfigException($"{path}: '{sectionName}' must be a [section], not a top-level key");
            }

            foreach (var (key, raw) in section)
            {
                Store(values, sectionName, key, raw, $"{path}: [{sectionName}] {key}");
            }
        }
    }

    private static void Store(Dictionary<string, string?> values, string section, string key, object? raw, string where)
    {
        var kind = KindOf(section, key);
        if (raw is TomlArray array)
        {
            if (kind is not null and not Kind.List)
            {
                throw new ConfigException($"{where}: expected {Describe(kind.Value)}, got a list");
            }

            var i = 0;
            foreach (var item in array)
            {
                values[$"{section}:{key}:{i++}"] = Format(item);
            }

            return;
        }

        if (raw is TomlTable nested)
        {
            foreach (var (innerKey, innerValue) in nested)
            {
                Store(values, section, $"{key}:{innerKey}", innerValue, $"{where}.{innerKey}");
            }

            return;
        }

        var text = Format(raw);
        if (kind is { } k)
        {
            Check(k, text, where);
            if (k == Kind.List)
            {
                SetList(values, section, key, text ?? "");
                return;
            }
        }

        values[$"{section}:{key}"] = text;
    }

    private static void ApplyEnvironment(IDictionary environment, Dictionary<string, string?> values)
    {
        foreach (DictionaryEntry entry in environment)
        {
            var name = (string)entry.Key;
            if (!name.StartsWith(EnvPrefix, StringComparison.Ordinal) || entry.Value is not string value)
            {
                continue;
            }

            if (MatchSectionKey(name[EnvPrefix.Length..].ToLowerInvariant()) is not var (section, key, kind))
            {
                continue;
            }

            var where = $"environment variable {name}";
            Check(kind, value, where);
            if (kind == Kind.List)
            {
                SetList(values, section, key, value);
            }
            else
            {
                values[$"{section}:{key}"] = kind == Kind.Bool ? ParseBool(value)!.Value.ToString().ToLowerInvariant() : value;
            }
        }
    }

    /// <summary>Section names contain underscores too (local_store), so the longest known section wins.</summary>
    private static (string Section, string Key, Kind Kind)? MatchSectionKey(string rest)
    {
        foreach (var section in Sections.Keys.OrderByDescending(s => s.Length))
        {
            if (rest.StartsWith(section + "_", StringComparison.Ordinal)
                && Sections[section].TryGetValue(rest[(section.Length + 1)..], out var kind))
            {
                return (section, rest[(section.Length + 1)..], kind);
            }
        }

        return null;
    }

    private static void SetList(Dictionary<string, string?> values, string section, string key, string commaSeparated)
    {
        foreach (var existing in values.Keys.Where(k => k.StartsWith($"{section}:{key}:", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            values.Remove(existing);
        }

        var items = commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < items.Length; i++)
        {
            values[$"{section}:{key}:{i}"] = items[i];
        }
    }

    private static Kind? KindOf(string section, string key) =>
        Sections.TryGetValue(section, out var keys) && keys.TryGetValue(key, out var kind) ? kind : null;

    private static void Check(Kind kind, string? text, string where)
    {
        var ok = kind switch
        {
            Kind.Bool => ParseBool(text) is not null,
            Kind.Int => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            Kind.Float => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            _ => true,
        };
        if (!ok)
        {
            throw new ConfigException($"{where}: expected {Describe(kind)}, got '{text}'");
        }
    }

    /// <summary>Python's strtobool, which quetz uses for boolean environment values.</summary>
    public static bool? ParseBool(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "y" or "yes" or "t" or "true" or "on" or "1" => true,
        "n" or "no" or "f" or "false" or "off" or "0" => false,
        _ => null,
    };

    private static string Describe(Kind kind) => kind switch
    {
        Kind.Bool => "a boolean",
        Kind.Int => "an integer",
        Kind.Float => "a number",
        Kind.List => "a list",
        _ => "a string",
    };

    private static string? Format(object? raw) => raw switch
    {
        null => null,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => raw.ToString(),
    };

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
