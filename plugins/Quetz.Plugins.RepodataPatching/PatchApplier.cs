using System.Text.Json.Nodes;
using Quetz.Abstractions.Indexing;
using Quetz.Conda.Repodata;

namespace Quetz.Plugins.RepodataPatching;

/// <summary>
/// Applies instructions to a subdir as conda-index's <c>_apply_instructions</c> does, in its order: the
/// <c>packages</c> changes to <c>.tar.bz2</c> records, the same changes to their <c>.conda</c> twins, the
/// <c>packages.conda</c> changes (so a <c>.conda</c>-specific field wins over the shared one), then <c>revoke</c>, then
/// <c>remove</c>. Only records named in the instructions are read, so a large subdir costs what the instructions name.
/// </summary>
internal static class PatchApplier
{
    private const string TarBz2 = ".tar.bz2";
    private const string Conda = ".conda";
    private const string RevokedDependency = "package_has_been_revoked";

    public static void Apply(SubdirRepodata repodata, PatchInstructions instructions)
    {
        foreach (var (fileName, fields) in instructions.Packages)
        {
            Change(repodata.Packages, fileName, fields);
            if (CondaTwin(fileName) is { } twin)
            {
                Change(repodata.CondaPackages, twin, fields);
            }
        }

        foreach (var (fileName, fields) in instructions.CondaPackages)
        {
            Change(repodata.CondaPackages, fileName, fields);
        }

        foreach (var fileName in instructions.Revoke)
        {
            Revoke(repodata.Packages, fileName);
            Revoke(repodata.CondaPackages, CondaTwin(fileName) ?? fileName);
        }

        foreach (var fileName in instructions.Remove)
        {
            Remove(repodata, repodata.Packages, fileName);
            Remove(repodata, repodata.CondaPackages, CondaTwin(fileName) ?? fileName);
        }
    }

    /// <summary>The <c>.conda</c> file built from the same recipe as a <c>.tar.bz2</c>, or null for another name.</summary>
    private static string? CondaTwin(string fileName) =>
        fileName.EndsWith(TarBz2, StringComparison.Ordinal) ? fileName[..^TarBz2.Length] + Conda : null;

    private static void Change(IDictionary<string, RepodataRecord> section, string fileName, JsonObject fields)
    {
        if (section.TryGetValue(fileName, out var record))
        {
            Merge(record.Json, fields);
            section[fileName] = record;
        }
    }

    /// <summary>
    /// conda-index's <c>merge_or_update_dict(merge=False)</c>: objects merge key by key, anything else replaces, and
    /// a null deletes the key (quetz's plugin deletes it too, rather than writing a null).
    /// </summary>
    private static void Merge(JsonObject target, JsonObject changes)
    {
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject nested && target[key] is JsonObject existing)
            {
                Merge(existing, nested);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    private static void Revoke(IDictionary<string, RepodataRecord> section, string fileName)
    {
        if (!section.TryGetValue(fileName, out var record))
        {
            return;
        }

        record.Json["revoked"] = true;
        if (record.Json["depends"] is not JsonArray depends)
        {
            record.Json["depends"] = depends = [];
        }

        if (!depends.Any(d => d is JsonValue v && v.TryGetValue(out string? spec) && spec == RevokedDependency))
        {
            depends.Add(RevokedDependency);
        }

        section[fileName] = record;
    }

    private static void Remove(SubdirRepodata repodata, IDictionary<string, RepodataRecord> section, string fileName)
    {
        if (section.Remove(fileName))
        {
            repodata.Removed.Add(fileName);
        }
    }
}
