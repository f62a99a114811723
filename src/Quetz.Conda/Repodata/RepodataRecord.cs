using System.Text.Json;
using System.Text.Json.Nodes;

namespace Quetz.Conda.Repodata;

/// <summary>
/// One package record as it appears in <c>repodata.json</c>: the fields of the package's
/// <c>info/index.json</c> plus <c>size</c>, <c>md5</c>, <c>sha256</c> and whatever the server adds
/// (<c>time_modified</c>, <c>legacy_bz2_md5</c>, …).
/// </summary>
/// <remarks>
/// The record is a view over a <see cref="JsonObject"/>, so fields this class does not know survive
/// a parse/write round trip unchanged. The typed properties read the object on every call; change
/// the record through <see cref="Json"/>. Properties return a neutral value (empty string, 0, empty
/// list, <c>null</c>) when a field is missing or has the wrong JSON type.
/// </remarks>
public sealed class RepodataRecord
{
    private RepodataRecord(JsonObject json)
    {
        Json = json;
    }

    /// <summary>The record's JSON object; changes to it are changes to the record.</summary>
    public JsonObject Json { get; }

    /// <summary>The package name (<c>name</c>).</summary>
    public string Name => GetString("name") ?? string.Empty;

    /// <summary>The version string (<c>version</c>).</summary>
    public string Version => GetString("version") ?? string.Empty;

    /// <summary>The build string (<c>build</c>).</summary>
    public string Build => GetString("build") ?? string.Empty;

    /// <summary>The build number (<c>build_number</c>); 0 when missing.</summary>
    public long BuildNumber => GetInt64("build_number") ?? 0;

    /// <summary>The dependency specs (<c>depends</c>); empty when missing.</summary>
    public IReadOnlyList<string> Depends => GetStrings("depends");

    /// <summary>The run constraints (<c>constrains</c>); empty when missing.</summary>
    public IReadOnlyList<string> Constrains => GetStrings("constrains");

    /// <summary>The subdir the package was built for (<c>subdir</c>), e.g. <c>linux-64</c>.</summary>
    public string? Subdir => GetString("subdir");

    /// <summary>
    /// The build time (<c>timestamp</c>) as stored: milliseconds since the epoch for packages built by
    /// conda-build 3 and rattler-build, seconds for some older packages. See <see cref="TimestampSeconds"/>.
    /// </summary>
    public long? Timestamp => GetInt64("timestamp");

    /// <summary>
    /// The build time in seconds since the epoch, converting milliseconds as conda does (a value above
    /// 253402300799, the end of year 9999 in seconds, is taken as milliseconds); 0 when missing.
    /// </summary>
    public double TimestampSeconds => NormalizeSeconds(GetDouble("timestamp") ?? 0);

    /// <summary>The size of the package file in bytes (<c>size</c>).</summary>
    public long? Size => GetInt64("size");

    /// <summary>The MD5 of the package file, lower-case hex (<c>md5</c>).</summary>
    public string? Md5 => GetString("md5");

    /// <summary>The SHA-256 of the package file, lower-case hex (<c>sha256</c>).</summary>
    public string? Sha256 => GetString("sha256");

    /// <summary>The license (<c>license</c>).</summary>
    public string? License => GetString("license");

    /// <summary>The noarch kind (<c>noarch</c>: <c>python</c> or <c>generic</c>), or <c>null</c>.</summary>
    public string? Noarch => GetString("noarch");

    /// <summary>
    /// Whether the record has <c>features</c> or <c>track_features</c> (a non-empty string or list),
    /// which conda's solver de-prioritises.
    /// </summary>
    public bool HasFeatures => !string.IsNullOrWhiteSpace(FeatureText("features")) || !string.IsNullOrWhiteSpace(FeatureText("track_features"));

    /// <summary>Wraps <paramref name="json"/> without copying it.</summary>
    /// <param name="json">The record object, e.g. <c>index.json</c> plus size and checksums.</param>
    /// <returns>The record.</returns>
    public static RepodataRecord FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new RepodataRecord(json);
    }

    /// <summary>Parses one record from UTF-8 JSON.</summary>
    /// <param name="utf8Json">A JSON object.</param>
    /// <returns>The record.</returns>
    /// <exception cref="JsonException">The input is not a JSON object.</exception>
    public static RepodataRecord Parse(ReadOnlySpan<byte> utf8Json)
    {
        JsonNode? node = JsonNodeReader.ReadDocument(utf8Json, 128);
        return node is JsonObject obj ? new RepodataRecord(obj) : throw new JsonException("A repodata record must be a JSON object.");
    }

    /// <summary>
    /// Converts a <c>timestamp</c> value to seconds the way conda and conda-index do: values above
    /// 253402300799 are milliseconds.
    /// </summary>
    /// <param name="timestamp">Seconds or milliseconds since the epoch.</param>
    /// <returns>Seconds since the epoch.</returns>
    public static double NormalizeSeconds(double timestamp) => timestamp > 253402300799 ? timestamp / 1000 : timestamp;

    /// <summary>A deep copy of the record.</summary>
    /// <returns>The copy.</returns>
    public RepodataRecord Clone() => new(Json.DeepClone().AsObject());

    /// <summary>The fields a <see cref="MatchSpec"/> tests, for dependency matching.</summary>
    /// <param name="fileName">The package file name, or <c>null</c>.</param>
    /// <param name="subdir">The subdir to report; defaults to the record's own <c>subdir</c>.</param>
    /// <returns>The matchable view.</returns>
    public MatchableRecord ToMatchableRecord(string? fileName = null, string? subdir = null) =>
        new(Name, Version, Build, BuildNumber)
        {
            Subdir = subdir ?? Subdir,
            Md5 = Md5,
            Sha256 = Sha256,
            License = License,
            LicenseFamily = GetString("license_family"),
            FileName = fileName,
            Features = FeatureText("features"),
            TrackFeatures = FeatureText("track_features"),
        };

    /// <summary>The record as compact JSON with sorted keys, as <see cref="RepodataWriter.SerializeRecord"/> writes it.</summary>
    /// <returns>The JSON text.</returns>
    public override string ToString() => System.Text.Encoding.UTF8.GetString(RepodataWriter.SerializeRecord(this));

    /// <summary>Reads a string field.</summary>
    /// <param name="key">The field name.</param>
    /// <returns>The value, or <c>null</c> when missing or not a string.</returns>
    public string? GetString(string key) => JsonNodeValues.String(Json[key]);

    private long? GetInt64(string key) => JsonNodeValues.Int64(Json[key]);

    private double? GetDouble(string key) => JsonNodeValues.Double(Json[key]);

    private string[] GetStrings(string key)
    {
        if (!Json.TryGetPropertyValue(key, out JsonNode? node) || node is not JsonArray array)
        {
            return [];
        }

        var result = new List<string>(array.Count);
        foreach (JsonNode? item in array)
        {
            if (JsonNodeValues.String(item) is string text)
            {
                result.Add(text);
            }
        }

        return [.. result];
    }

    // conda accepts features as "a b", "a,b" or ["a", "b"].
    private string? FeatureText(string key)
    {
        if (!Json.TryGetPropertyValue(key, out JsonNode? node) || node is null)
        {
            return null;
        }

        return node switch
        {
            JsonArray => string.Join(' ', GetStrings(key)),
            JsonValue value => JsonNodeValues.String(value),
            _ => null,
        };
    }
}
