using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Quetz.Plugins.RepodataPatching;

/// <summary>
/// One subdir's <c>patch_instructions.json</c> in conda-forge's format, checked: <c>packages</c> and
/// <c>packages.conda</c> map file names to the fields to change, <c>revoke</c> and <c>remove</c> list file names, and
/// <c>patch_instructions_version</c> is at most 1 (conda-index refuses later versions it cannot understand). Shared
/// between builds once parsed, so it is never changed and its objects are cloned into records.
/// </summary>
internal sealed class PatchInstructions
{
    /// <summary>The newest <c>patch_instructions_version</c> this plugin applies, as for conda-index.</summary>
    public const int SupportedVersion = 1;

    private PatchInstructions(
        IReadOnlyDictionary<string, JsonObject> packages, IReadOnlyDictionary<string, JsonObject> condaPackages,
        IReadOnlyList<string> revoke, IReadOnlyList<string> remove)
    {
        Packages = packages;
        CondaPackages = condaPackages;
        Revoke = revoke;
        Remove = remove;
    }

    /// <summary>No changes: a patches package without instructions for a subdir.</summary>
    public static PatchInstructions Empty { get; } = new(new Dictionary<string, JsonObject>(), new Dictionary<string, JsonObject>(), [], []);

    /// <summary>Changes to <c>.tar.bz2</c> records, by file name; they apply to the <c>.conda</c> twin too.</summary>
    public IReadOnlyDictionary<string, JsonObject> Packages { get; }

    /// <summary>Changes to <c>.conda</c> records only, by file name; applied after those of <see cref="Packages"/>.</summary>
    public IReadOnlyDictionary<string, JsonObject> CondaPackages { get; }

    /// <summary>File names to mark revoked.</summary>
    public IReadOnlyList<string> Revoke { get; }

    /// <summary>File names to drop and list under <c>removed</c>.</summary>
    public IReadOnlyList<string> Remove { get; }

    /// <summary>Parses and checks instructions; throws <see cref="InvalidPatchInstructionsException"/> saying what is wrong.</summary>
    public static PatchInstructions Parse(ReadOnlySpan<byte> utf8Json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(utf8Json, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidPatchInstructionsException($"not valid JSON: {e.Message}", e);
        }

        if (root is not JsonObject instructions)
        {
            throw new InvalidPatchInstructionsException("the instructions are not a JSON object");
        }

        CheckVersion(instructions["patch_instructions_version"]);
        return new PatchInstructions(
            Changes(instructions, "packages"), Changes(instructions, "packages.conda"),
            FileNames(instructions, "revoke"), FileNames(instructions, "remove"));
    }

    private static void CheckVersion(JsonNode? node)
    {
        if (node is null)
        {
            return;
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue(out long version))
        {
            throw new InvalidPatchInstructionsException("\"patch_instructions_version\" is not an integer");
        }

        if (version > SupportedVersion)
        {
            throw new InvalidPatchInstructionsException(string.Create(CultureInfo.InvariantCulture,
                $"\"patch_instructions_version\" {version} is newer than the supported version {SupportedVersion}"));
        }
    }

    private static Dictionary<string, JsonObject> Changes(JsonObject instructions, string key)
    {
        var changes = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        switch (instructions[key])
        {
            case null:
                return changes;
            case JsonObject section:
                foreach (var (fileName, fields) in section)
                {
                    changes[fileName] = fields as JsonObject
                        ?? throw new InvalidPatchInstructionsException($"\"{key}\".\"{fileName}\" is not an object of fields");
                }

                return changes;
            default:
                throw new InvalidPatchInstructionsException($"\"{key}\" is not an object");
        }
    }

    private static List<string> FileNames(JsonObject instructions, string key)
    {
        switch (instructions[key])
        {
            case null:
                return [];
            case JsonArray names:
                return [.. names.Select(n => n is JsonValue v && v.TryGetValue(out string? name)
                    ? name
                    : throw new InvalidPatchInstructionsException($"\"{key}\" holds something other than file names"))];
            default:
                throw new InvalidPatchInstructionsException($"\"{key}\" is not a list of file names");
        }
    }
}
