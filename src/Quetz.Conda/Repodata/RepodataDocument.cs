using System.Text.Json;
using System.Text.Json.Nodes;

namespace Quetz.Conda.Repodata;

/// <summary>
/// A subdir's <c>repodata.json</c>: <c>info</c> (with <c>subdir</c>), <c>packages</c> (<c>.tar.bz2</c>
/// files), <c>packages.conda</c> (<c>.conda</c> files), <c>removed</c>, <c>repodata_version</c>, and
/// any other top-level keys transformers add (<c>signatures</c>, …).
/// </summary>
/// <remarks>
/// File names are kept in code point order (<see cref="CodePointComparer"/>, which is ordinal for the
/// ASCII names packages have), so writing needs no sort. Not thread-safe.
/// </remarks>
public sealed class RepodataDocument
{
    /// <summary>The top-level keys this class models; <see cref="Extra"/> may not use them.</summary>
    public static readonly IReadOnlyList<string> StandardKeys = ["info", "packages", "packages.conda", "removed", "repodata_version"];

    /// <summary>Creates an empty document for <paramref name="subdir"/>.</summary>
    /// <param name="subdir">The subdir, e.g. <c>linux-64</c> or <c>noarch</c>.</param>
    public RepodataDocument(string subdir)
    {
        ArgumentException.ThrowIfNullOrEmpty(subdir);
        Subdir = subdir;
    }

    /// <summary>The subdir (<c>info.subdir</c>).</summary>
    public string Subdir { get; }

    /// <summary>
    /// Other keys of <c>info</c> (<c>base_url</c>, <c>arch</c>, <c>platform</c>, …); written sorted
    /// together with <c>subdir</c>. A <c>subdir</c> key here is ignored: <see cref="Subdir"/> wins.
    /// </summary>
    public JsonObject Info { get; } = [];

    /// <summary>The <c>repodata_version</c>: 1, or 2 when <c>info.base_url</c> is used (CEP-15).</summary>
    public int RepodataVersion { get; set; } = 1;

    /// <summary>The <c>.tar.bz2</c> records (<c>packages</c>), by file name.</summary>
    public SortedDictionary<string, RepodataRecord> Packages { get; } = new(CodePointComparer.Instance);

    /// <summary>The <c>.conda</c> records (<c>packages.conda</c>), by file name.</summary>
    public SortedDictionary<string, RepodataRecord> CondaPackages { get; } = new(CodePointComparer.Instance);

    /// <summary>File names hidden by repodata patches (<c>removed</c>).</summary>
    public SortedSet<string> Removed { get; } = new(CodePointComparer.Instance);

    /// <summary>
    /// Other top-level keys (e.g. <c>signatures</c> from content trust, <c>v3</c>). The writer sorts
    /// them together with the standard keys, as conda-index's <c>sort_keys</c> does; every such key in
    /// use sorts after <c>repodata_version</c>. They may not be one of <see cref="StandardKeys"/>.
    /// </summary>
    public JsonObject Extra { get; } = [];

    /// <summary>The number of records in <see cref="Packages"/> and <see cref="CondaPackages"/>.</summary>
    public int Count => Packages.Count + CondaPackages.Count;

    /// <summary>
    /// Parses repodata as written by conda-index, quetz, anaconda.org or prefix.dev (compact or
    /// indented; <c>removed</c> and <c>packages.conda</c> optional).
    /// </summary>
    /// <param name="utf8Json">The UTF-8 JSON.</param>
    /// <returns>The document.</returns>
    /// <exception cref="JsonException">The JSON is malformed, not repodata-shaped, or has no <c>info.subdir</c>.</exception>
    public static RepodataDocument Parse(ReadOnlySpan<byte> utf8Json) => Parse(utf8Json, null);

    /// <summary>
    /// Parses repodata, taking <paramref name="defaultSubdir"/> when <c>info.subdir</c> is missing (as
    /// conda does with the subdir of the URL it fetched).
    /// </summary>
    /// <param name="utf8Json">The UTF-8 JSON.</param>
    /// <param name="defaultSubdir">The subdir to assume, or <c>null</c> to require <c>info.subdir</c>.</param>
    /// <returns>The document.</returns>
    /// <exception cref="JsonException">The JSON is malformed or not repodata-shaped.</exception>
    public static RepodataDocument Parse(ReadOnlySpan<byte> utf8Json, string? defaultSubdir)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 128 });
        Expect(ref reader, JsonTokenType.StartObject, "repodata");

        JsonObject? info = null;
        int? version = null;
        var packages = new List<KeyValuePair<string, RepodataRecord>>();
        var condaPackages = new List<KeyValuePair<string, RepodataRecord>>();
        var removed = new List<string>();
        var extra = new List<KeyValuePair<string, JsonNode?>>();

        while (Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            string key = reader.GetString()!;
            Read(ref reader);
            switch (key)
            {
                case "info":
                    info = JsonNodeReader.Read(ref reader) as JsonObject ?? throw new JsonException("repodata \"info\" must be an object.");
                    break;
                case "packages":
                    packages.Clear();
                    ReadRecords(ref reader, key, packages);
                    break;
                case "packages.conda":
                    condaPackages.Clear();
                    ReadRecords(ref reader, key, condaPackages);
                    break;
                case "removed":
                    removed.Clear();
                    ReadStrings(ref reader, removed);
                    break;
                case "repodata_version":
                    version = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int v)
                        ? v
                        : throw new JsonException("repodata \"repodata_version\" must be an integer.");
                    break;
                default:
                    extra.RemoveAll(p => p.Key == key);
                    extra.Add(new(key, JsonNodeReader.Read(ref reader)));
                    break;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("repodata: unexpected token " + reader.TokenType + ".");
        }

        if (reader.Read())
        {
            throw new JsonException("repodata: more than one JSON value.");
        }

        string? subdir = JsonNodeValues.String(info?["subdir"]) is { Length: > 0 } text ? text : defaultSubdir;
        if (string.IsNullOrEmpty(subdir))
        {
            throw new JsonException("repodata has no \"info.subdir\".");
        }

        var document = new RepodataDocument(subdir) { RepodataVersion = version ?? 1 };
        if (info is not null)
        {
            foreach (string infoKey in info.Select(p => p.Key).ToList())
            {
                if (infoKey != "subdir")
                {
                    JsonNode? value = info[infoKey];
                    info.Remove(infoKey);
                    document.Info[infoKey] = value;
                }
            }
        }

        foreach ((string fileName, RepodataRecord record) in packages)
        {
            document.Packages[fileName] = record;
        }

        foreach ((string fileName, RepodataRecord record) in condaPackages)
        {
            document.CondaPackages[fileName] = record;
        }

        foreach (string name in removed)
        {
            document.Removed.Add(name);
        }

        foreach ((string key, JsonNode? value) in extra)
        {
            document.Extra[key] = value;
        }

        return document;
    }

    /// <summary>
    /// Adds or replaces a record, routed by extension: <c>.conda</c> to <see cref="CondaPackages"/>,
    /// <c>.tar.bz2</c> to <see cref="Packages"/>.
    /// </summary>
    /// <param name="fileName">The package file name, <c>name-version-build.conda</c> or <c>.tar.bz2</c>.</param>
    /// <param name="record">The record.</param>
    /// <exception cref="ArgumentException">The file name has neither extension.</exception>
    public void Add(string fileName, RepodataRecord record)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(record);
        SectionFor(fileName)[fileName] = record;
    }

    /// <summary>Removes the record for <paramref name="fileName"/> from whichever section holds it.</summary>
    /// <param name="fileName">The package file name.</param>
    /// <returns>Whether a record was removed.</returns>
    public bool Remove(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return fileName.EndsWith(PackageFileNames.CondaExtension, StringComparison.Ordinal)
            ? CondaPackages.Remove(fileName)
            : Packages.Remove(fileName);
    }

    /// <summary>Looks a record up by file name in the section its extension routes to.</summary>
    /// <param name="fileName">The package file name.</param>
    /// <param name="record">The record, when found.</param>
    /// <returns>Whether it was found.</returns>
    public bool TryGetRecord(string fileName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RepodataRecord? record)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return (fileName.EndsWith(PackageFileNames.CondaExtension, StringComparison.Ordinal) ? CondaPackages : Packages)
            .TryGetValue(fileName, out record);
    }

    /// <summary>A deep copy: records, info, removed and extra keys.</summary>
    /// <returns>The copy.</returns>
    public RepodataDocument Clone()
    {
        RepodataDocument copy = CloneHeader();
        foreach ((string fileName, RepodataRecord record) in Packages)
        {
            copy.Packages[fileName] = record.Clone();
        }

        foreach ((string fileName, RepodataRecord record) in CondaPackages)
        {
            copy.CondaPackages[fileName] = record.Clone();
        }

        return copy;
    }

    /// <summary>A copy of everything but the records (info, version, removed, extra keys).</summary>
    /// <returns>The copy, with empty <see cref="Packages"/> and <see cref="CondaPackages"/>.</returns>
    public RepodataDocument CloneHeader()
    {
        var copy = new RepodataDocument(Subdir) { RepodataVersion = RepodataVersion };
        foreach ((string key, JsonNode? value) in Info)
        {
            copy.Info[key] = value?.DeepClone();
        }

        foreach ((string key, JsonNode? value) in Extra)
        {
            copy.Extra[key] = value?.DeepClone();
        }

        copy.Removed.UnionWith(Removed);
        return copy;
    }

    private SortedDictionary<string, RepodataRecord> SectionFor(string fileName)
    {
        if (fileName.EndsWith(PackageFileNames.CondaExtension, StringComparison.Ordinal))
        {
            return CondaPackages;
        }

        if (fileName.EndsWith(PackageFileNames.TarBz2Extension, StringComparison.Ordinal))
        {
            return Packages;
        }

        throw new ArgumentException($"'{fileName}' is not a .conda or .tar.bz2 file name.", nameof(fileName));
    }

    private static bool Read(ref Utf8JsonReader reader) =>
        reader.Read() ? true : throw new JsonException("repodata: unexpected end of JSON.");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        Read(ref reader);
        if (reader.TokenType != type)
        {
            throw new JsonException($"{what}: expected {type}, found {reader.TokenType}.");
        }
    }

    private static void ReadRecords(ref Utf8JsonReader reader, string section, List<KeyValuePair<string, RepodataRecord>> into)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"repodata \"{section}\" must be an object.");
        }

        while (Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            string fileName = reader.GetString()!;
            Read(ref reader);
            if (JsonNodeReader.Read(ref reader) is not JsonObject record)
            {
                throw new JsonException($"repodata \"{section}\".\"{fileName}\" must be an object.");
            }

            into.Add(new(fileName, RepodataRecord.FromJson(record)));
        }
    }

    private static void ReadStrings(ref Utf8JsonReader reader, List<string> into)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("repodata \"removed\" must be an array.");
        }

        while (Read(ref reader) && reader.TokenType != JsonTokenType.EndArray)
        {
            into.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("repodata \"removed\" must hold strings."));
        }
    }
}
