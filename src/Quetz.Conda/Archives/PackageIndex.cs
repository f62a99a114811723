using System.Text.Json;
using System.Text.Json.Nodes;

namespace Quetz.Conda.Archives;

/// <summary>Reads and checks the fields of <c>info/index.json</c> that quetz depends on.</summary>
public static class PackageIndex
{
    /// <summary>Checks that index.json has what quetz needs: string name, version and build, an integer build number and a subdir.</summary>
    /// <param name="index">The parsed index.json.</param>
    /// <exception cref="InvalidPackageException">A field is missing or of the wrong type.</exception>
    public static void Validate(JsonObject index)
    {
        ArgumentNullException.ThrowIfNull(index);
        _ = GetName(index);
        _ = GetVersion(index);
        _ = GetBuild(index);
        _ = GetBuildNumber(index);
        _ = GetSubdir(index);
    }

    internal static string GetName(JsonObject index) => RequiredString(index, "name");

    internal static string GetVersion(JsonObject index) => RequiredString(index, "version");

    internal static string GetBuild(JsonObject index) => RequiredString(index, "build");

    internal static int GetBuildNumber(JsonObject index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (!index.TryGetPropertyValue("build_number", out JsonNode? node) || node is null)
        {
            return 0;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && value.TryGetValue(out long number) && number is >= int.MinValue and <= int.MaxValue)
        {
            return (int)number;
        }

        throw new InvalidPackageException("info/index.json: 'build_number' is not an integer");
    }

    internal static string GetSubdir(JsonObject index)
    {
        ArgumentNullException.ThrowIfNull(index);
        string? subdir = OptionalString(index, "subdir");
        if (subdir is not null)
        {
            return subdir.Length > 0 ? subdir : throw new InvalidPackageException("info/index.json: 'subdir' is empty");
        }

        string? arch = OptionalString(index, "arch");
        string? platform = OptionalString(index, "platform");
        if (arch == "x86_64" && !string.IsNullOrEmpty(platform))
        {
            return platform + "-64";
        }

        if (arch is null && platform is null)
        {
            return "noarch";
        }

        throw new InvalidPackageException("info/index.json has no 'subdir'");
    }

    private static string RequiredString(JsonObject index, string key)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (!index.TryGetPropertyValue(key, out JsonNode? node) || node is null)
        {
            throw new InvalidPackageException($"info/index.json has no '{key}'");
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            string text = value.GetValue<string>();
            if (text.Length > 0)
            {
                return text;
            }

            throw new InvalidPackageException($"info/index.json: '{key}' is empty");
        }

        throw new InvalidPackageException($"info/index.json: '{key}' is not a string");
    }

    private static string? OptionalString(JsonObject index, string key) =>
        index.TryGetPropertyValue(key, out JsonNode? node) && node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;
}
