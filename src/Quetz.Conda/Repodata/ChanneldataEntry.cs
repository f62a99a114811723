using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Quetz.Conda.Repodata;

/// <summary>
/// One package's entry in <c>channeldata.json</c>: built from an uploaded archive's metadata
/// (<see cref="FromPackage(JsonObject, JsonObject?, JsonObject?, JsonObject?, IReadOnlyList{string})"/>)
/// and merged into the stored entry (<see cref="Merge"/>) the way quetz does, with conda-index's
/// layout for <c>run_exports</c> (keyed by version) and <c>subdirs</c> (sorted).
/// </summary>
public static partial class ChanneldataEntry
{
    /// <summary>The flags OR-ed across uploads: a package has them if any of its builds has.</summary>
    public static readonly IReadOnlyList<string> BinaryFields =
        ["activate.d", "deactivate.d", "post_link", "pre_link", "pre_unlink", "binary_prefix", "text_prefix"];

    /// <summary>The <c>about.json</c> fields copied into the entry (<c>null</c> when absent), as quetz copies them.</summary>
    public static readonly IReadOnlyList<string> AboutFields =
        ["description", "dev_url", "doc_source_url", "doc_url", "home", "icon_hash", "icon_url", "license", "recipe_origin", "source_git_url", "source_url", "summary"];

    /// <summary>The <c>about.json</c> collections copied when not empty (else <c>null</c>).</summary>
    public static readonly IReadOnlyList<string> AboutCollectionFields = ["keywords", "identifiers", "tags"];

    private const long MaxSecondsTimestamp = 253402300799;

    private static readonly string[] RunExportsKinds = ["weak", "strong", "noarch", "weak_constrains", "strong_constrains"];

    /// <summary>Builds an entry from a package's metadata, taking the time of a missing timestamp from the system clock.</summary>
    /// <param name="index"><c>info/index.json</c> (required: <c>name</c>, <c>version</c>; <c>subdir</c> or <c>arch</c>+<c>platform</c>; <c>timestamp</c>).</param>
    /// <param name="about"><c>info/about.json</c>, or <c>null</c>.</param>
    /// <param name="runExports"><c>info/run_exports.json</c>, or <c>null</c>.</param>
    /// <param name="paths"><c>info/paths.json</c>, or <c>null</c>.</param>
    /// <param name="files">The lines of <c>info/files</c>; used for the script flags when <paramref name="paths"/> is <c>null</c>.</param>
    /// <returns>A new entry; see <see cref="FromPackage(JsonObject, JsonObject?, JsonObject?, JsonObject?, IReadOnlyList{string}, TimeProvider)"/>.</returns>
    public static JsonObject FromPackage(JsonObject index, JsonObject? about, JsonObject? runExports, JsonObject? paths, IReadOnlyList<string> files) =>
        FromPackage(index, about, runExports, paths, files, TimeProvider.System);

    /// <summary>
    /// Builds an entry from a package's metadata, as quetz's <c>CondaInfo</c> does: <c>packagename</c>,
    /// <c>version</c>, <c>timestamp</c> in seconds (milliseconds converted; now when missing),
    /// <c>subdirs</c> (<c>[subdir]</c>), the <see cref="BinaryFields"/>, the <see cref="AboutFields"/>
    /// and <see cref="AboutCollectionFields"/> (<c>null</c> when absent or empty), and
    /// <c>run_exports</c> keyed by version (<c>{}</c> when the package has none).
    /// </summary>
    /// <param name="index"><c>info/index.json</c>.</param>
    /// <param name="about"><c>info/about.json</c>, or <c>null</c>.</param>
    /// <param name="runExports"><c>info/run_exports.json</c>, or <c>null</c>.</param>
    /// <param name="paths"><c>info/paths.json</c>, or <c>null</c>.</param>
    /// <param name="files">The lines of <c>info/files</c>; used for the script flags when <paramref name="paths"/> is <c>null</c>.</param>
    /// <param name="timeProvider">The clock for a missing timestamp.</param>
    /// <returns>A new entry with its keys sorted.</returns>
    /// <remarks>
    /// The flags follow conda-index's rules, which are quetz's with its path bugs fixed:
    /// <c>binary_prefix</c>/<c>text_prefix</c> for a file with a <c>prefix_placeholder</c> and that
    /// <c>file_mode</c>; <c>activate.d</c>/<c>deactivate.d</c> for files under
    /// <c>etc/conda/activate.d</c>/<c>deactivate.d</c>; <c>pre_link</c>, <c>post_link</c>,
    /// <c>pre_unlink</c> for files matching <c>*/.*-pre-link.*</c> and so on.
    /// </remarks>
    public static JsonObject FromPackage(JsonObject index, JsonObject? about, JsonObject? runExports, JsonObject? paths, IReadOnlyList<string> files, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(timeProvider);
        about ??= [];

        var entry = new JsonObject();
        entry["packagename"] = CloneOrNull(index, "name");

        double timestamp = NumberOf(index["timestamp"]) ?? timeProvider.GetUtcNow().ToUnixTimeSeconds();
        entry["timestamp"] = ToSeconds(timestamp);

        string? subdir = SubdirOf(index);
        entry["subdirs"] = subdir is null ? new JsonArray() : new JsonArray(subdir);

        foreach (string field in BinaryFields)
        {
            entry[field] = false;
        }

        foreach (string field in AboutFields)
        {
            entry[field] = CloneOrNull(about, field);
        }

        string? version = StringOf(index["version"]);
        entry["version"] = version;

        foreach (string field in AboutCollectionFields)
        {
            JsonNode? value = about[field];
            entry[field] = IsEmpty(value) ? null : value!.DeepClone();
        }

        SetPathFlags(entry, paths, files);

        var keyed = new JsonObject();
        if (runExports is not null && runExports.Count > 0 && version is not null)
        {
            keyed[version] = runExports.DeepClone();
        }

        entry["run_exports"] = keyed;
        return Sorted(entry);
    }

    /// <summary>
    /// Merges an upload's entry into the stored one, as quetz's <c>channel_data.combine</c> does:
    /// the first upload is stored as is; later, the <see cref="BinaryFields"/> are OR-ed; if the upload's
    /// version is newer (<see cref="VersionOrder"/>) its other fields replace the stored ones, and
    /// <c>keywords</c>, <c>identifiers</c>, <c>tags</c> when not empty; otherwise the stored fields are
    /// kept and only missing or <c>null</c> ones are filled from the upload (conda-index's rule);
    /// <c>run_exports</c> accumulate keyed by version; <c>timestamp</c> is the maximum, in seconds;
    /// <c>subdirs</c> is the sorted union.
    /// </summary>
    /// <param name="existing">The stored entry, or <c>null</c> for a package's first upload.</param>
    /// <param name="incoming">The upload's entry, e.g. from <see cref="FromPackage(JsonObject, JsonObject?, JsonObject?, JsonObject?, IReadOnlyList{string})"/>.</param>
    /// <returns>A new entry with its keys sorted; the arguments are not changed.</returns>
    /// <remarks>
    /// <c>run_exports</c> in either argument may be un-keyed (a raw <c>run_exports.json</c>, as quetz
    /// stores a package's first upload): an object whose values are lists is taken as the run exports of
    /// the entry's own <c>version</c>.
    /// </remarks>
    public static JsonObject Merge(JsonObject? existing, JsonObject incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (existing is null)
        {
            JsonObject first = incoming.DeepClone().AsObject();
            if (first.ContainsKey("run_exports"))
            {
                first["run_exports"] = KeyedRunExports(incoming);
            }

            if (NumberOf(first["timestamp"]) is double seconds)
            {
                first["timestamp"] = ToSeconds(seconds);
            }

            if (first.ContainsKey("subdirs"))
            {
                first["subdirs"] = SortedUnion(null, incoming["subdirs"]);
            }

            return Sorted(first);
        }

        bool newer = Version(existing) < Version(incoming);
        JsonObject merged = existing.DeepClone().AsObject();

        foreach (string field in BinaryFields)
        {
            merged[field] = IsTrue(incoming[field]) || IsTrue(existing[field]);
        }

        foreach ((string key, JsonNode? value) in incoming)
        {
            if (key is "run_exports" or "timestamp" or "subdirs" || BinaryFields.Contains(key))
            {
                continue;
            }

            bool collection = AboutCollectionFields.Contains(key);
            JsonNode? current = existing[key];
            if (newer && (!collection || !IsEmpty(value)))
            {
                merged[key] = value?.DeepClone();
            }
            else if ((current is null || (collection && IsEmpty(current))) && !IsEmpty(value))
            {
                merged[key] = value!.DeepClone();
            }
        }

        JsonObject runExports = KeyedRunExports(existing);
        foreach ((string version, JsonNode? exports) in KeyedRunExports(incoming))
        {
            runExports[version] = exports?.DeepClone();
        }

        merged["run_exports"] = runExports;
        merged["timestamp"] = ToSeconds(Math.Max(NumberOf(existing["timestamp"]) is double a ? Seconds(a) : 0, NumberOf(incoming["timestamp"]) is double b ? Seconds(b) : 0));
        merged["subdirs"] = SortedUnion(existing["subdirs"], incoming["subdirs"]);
        return Sorted(merged);
    }

    /// <summary>
    /// The package's <c>subdir</c> as quetz computes it: <c>index.json</c>'s <c>subdir</c>, else
    /// <c>{platform}-64</c> for old packages with <c>arch</c> <c>x86_64</c>.
    /// </summary>
    /// <param name="index"><c>info/index.json</c>.</param>
    /// <returns>The subdir, or <c>null</c>.</returns>
    public static string? SubdirOf(JsonObject index)
    {
        ArgumentNullException.ThrowIfNull(index);
        string? subdir = StringOf(index["subdir"]);
        if (!string.IsNullOrEmpty(subdir))
        {
            return subdir;
        }

        string? platform = StringOf(index["platform"]);
        return StringOf(index["arch"]) == "x86_64" && platform is not null ? platform + "-64" : null;
    }

    private static void SetPathFlags(JsonObject entry, JsonObject? paths, IReadOnlyList<string> files)
    {
        if (paths?["paths"] is JsonArray list)
        {
            foreach (JsonNode? item in list)
            {
                if (item is not JsonObject path || StringOf(path["_path"]) is not string name)
                {
                    continue;
                }

                if (!IsEmpty(path["prefix_placeholder"]))
                {
                    switch (StringOf(path["file_mode"]))
                    {
                        case "binary":
                            entry["binary_prefix"] = true;
                            break;
                        case "text":
                            entry["text_prefix"] = true;
                            break;
                    }
                }

                SetNameFlags(entry, name);
            }

            return;
        }

        foreach (string line in files)
        {
            string name = line.TrimEnd('\r', '\n');
            if (name.Length > 0)
            {
                SetNameFlags(entry, name);
            }
        }
    }

    private static void SetNameFlags(JsonObject entry, string path)
    {
        if (path.StartsWith("etc/conda/activate.d", StringComparison.Ordinal))
        {
            entry["activate.d"] = true;
        }

        if (path.StartsWith("etc/conda/deactivate.d", StringComparison.Ordinal))
        {
            entry["deactivate.d"] = true;
        }

        Match match = LinkScript().Match(path);
        if (match.Success)
        {
            entry[match.Groups[1].Value.Replace('-', '_')] = true;
        }
    }

    // fnmatch("*/.*-{pre-link,post-link,pre-unlink}.*"): '*' crosses '/' in fnmatch.
    [GeneratedRegex(@"\A.*/\..*-(pre-link|post-link|pre-unlink)\..*\z", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex LinkScript();

    private static JsonObject KeyedRunExports(JsonObject entry)
    {
        if (entry["run_exports"] is not JsonObject runExports || runExports.Count == 0)
        {
            return [];
        }

        bool raw = runExports.Any(p => p.Value is JsonArray || RunExportsKinds.Contains(p.Key));
        if (!raw)
        {
            return runExports.DeepClone().AsObject();
        }

        string? version = StringOf(entry["version"]);
        return version is null ? [] : new JsonObject { [version] = runExports.DeepClone() };
    }

    private static VersionOrder Version(JsonObject entry) =>
        VersionOrder.TryParse(StringOf(entry["version"]) ?? "0", out VersionOrder? version) ? version : VersionOrder.Parse("0");

    private static JsonArray SortedUnion(JsonNode? a, JsonNode? b)
    {
        var set = new SortedSet<string>(CodePointComparer.Instance);
        foreach (JsonNode? node in new[] { a, b })
        {
            if (node is JsonArray array)
            {
                foreach (JsonNode? item in array)
                {
                    if (StringOf(item) is string s)
                    {
                        set.Add(s);
                    }
                }
            }
        }

        var result = new JsonArray();
        foreach (string s in set)
        {
            result.Add(s);
        }

        return result;
    }

    internal static JsonObject Sorted(JsonObject obj)
    {
        string[] keys = PythonJson.SortedKeys(obj);
        var sorted = new JsonObject();
        foreach (string key in keys)
        {
            JsonNode? value = obj[key];
            obj.Remove(key);
            sorted[key] = value;
        }

        return sorted;
    }

    private static JsonNode? CloneOrNull(JsonObject source, string key) => source[key]?.DeepClone();

    private static string? StringOf(JsonNode? node) => JsonNodeValues.String(node);

    private static double? NumberOf(JsonNode? node) =>
        JsonNodeValues.Double(node) ?? (double.TryParse(StringOf(node), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double number) ? number : null);

    private static double Seconds(double timestamp) => timestamp > MaxSecondsTimestamp ? Math.Floor(timestamp / 1000) : timestamp;

    private static long ToSeconds(double timestamp) => (long)Seconds(Math.Truncate(timestamp));

    // Python truthiness, as any() sees it.
    private static bool IsTrue(JsonNode? node) => node switch
    {
        null => false,
        JsonArray array => array.Count > 0,
        JsonObject obj => obj.Count > 0,
        _ => JsonNodeValues.Boolean(node) ?? (JsonNodeValues.Double(node) is double d ? d != 0 : !string.IsNullOrEmpty(StringOf(node))),
    };

    // Python truthiness for "not empty": None, "", [], {} are empty.
    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonObject obj => obj.Count == 0,
        JsonValue value => value.GetValueKind() == System.Text.Json.JsonValueKind.Null || StringOf(value) is { Length: 0 },
        _ => false,
    };
}
