using System.Text.Json.Nodes;
using Quetz.Conda.Repodata;
using Quetz.Plugins.RunExports.Data;

namespace Quetz.Plugins.RunExports;

/// <summary>
/// The per-subdir <c>run_exports.json</c> of CEP-12 in conda-index's exact form (<c>build_run_exports_data</c>):
/// <c>{"info": {"subdir", "version": 1}, "packages": {file: {"run_exports": {…}}}, "packages.conda": {…}}</c>,
/// every published file listed, <c>{}</c> when it exports nothing, written as conda-index's compact
/// <c>json.dumps(sort_keys=True)</c>.
/// </summary>
internal static class RunExportsJson
{
    public const string FileName = "run_exports.json";

    /// <summary>conda-index's <c>RUN_EXPORTS_VERSION</c>.</summary>
    private const int Version = 1;

    public static byte[] Build(string subdir, IEnumerable<KeyValuePair<string, string?>> packages,
        IEnumerable<KeyValuePair<string, string?>> condaPackages, IReadOnlyDictionary<string, PackageRunExports> rows)
    {
        var document = new JsonObject
        {
            ["info"] = new JsonObject { ["subdir"] = subdir, ["version"] = Version },
            ["packages"] = Section(packages, rows),
            ["packages.conda"] = Section(condaPackages, rows),
        };

        // RepodataWriter's record serialiser is Python's compact, key-sorted json.dumps, which is what conda-index
        // writes this file with; the document is no repodata record, but the bytes rule is the same.
        return RepodataWriter.SerializeRecord(RepodataRecord.FromJson(document));
    }

    /// <summary>One section: file name and the SHA-256 its published record carries (null when it has none).</summary>
    private static JsonObject Section(IEnumerable<KeyValuePair<string, string?>> files, IReadOnlyDictionary<string, PackageRunExports> rows)
    {
        var section = new JsonObject();
        foreach (var (filename, sha256) in files)
        {
            // A row read from another file of the same name (replaced, not yet re-read) is not this file's data.
            var exports = rows.TryGetValue(filename, out var row) && (sha256 is null || sha256 == row.Sha256)
                ? JsonNode.Parse(row.Data)
                : new JsonObject();
            section[filename] = new JsonObject { ["run_exports"] = exports };
        }

        return section;
    }
}
