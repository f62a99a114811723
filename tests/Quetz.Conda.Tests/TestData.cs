using System.Collections.Concurrent;
using System.Text.Json;
using Quetz.Conda;

namespace Quetz.Conda.Tests;

/// <summary>Reads the vector files under Data/ (JSON with // comment headers).</summary>
internal static class TestData
{
    public const string VersionOrderFile = "conda-version-order.json";
    public const string VersionSpecFile = "conda-version-spec.json";
    public const string MatchSpecFile = "conda-match-spec.json";
    public const string QuetzFile = "quetz-versionorder.json";

    private static readonly ConcurrentDictionary<string, JsonElement> Cache = new(StringComparer.Ordinal);

    public static JsonElement Table(string file, string key) => Load(file).GetProperty(key);

    public static IEnumerable<JsonElement> Rows(string file, string key) => Table(file, key).EnumerateArray();

    public static string[] Strings(string file, string key) => [.. Rows(file, key).Select(e => e.GetString()!)];

    public static TheoryData<string> StringData(string file, string key)
    {
        var data = new TheoryData<string>();
        foreach (string value in Strings(file, key))
        {
            data.Add(value);
        }

        return data;
    }

    public static TheoryData<string, string> PairData(string file, string key)
    {
        var data = new TheoryData<string, string>();
        foreach (JsonElement row in Rows(file, key))
        {
            data.Add(row[0].GetString()!, row[1].GetString()!);
        }

        return data;
    }

    public static MatchableRecord Record(JsonElement json) =>
        new(
            json.GetProperty("name").GetString()!,
            json.GetProperty("version").GetString()!,
            json.GetProperty("build").GetString()!,
            json.GetProperty("build_number").GetInt64())
        {
            Channel = Optional(json, "channel"),
            Subdir = Optional(json, "subdir"),
            Md5 = Optional(json, "md5"),
            Sha256 = Optional(json, "sha256"),
            License = Optional(json, "license"),
            LicenseFamily = Optional(json, "license_family"),
            Url = Optional(json, "url"),
            FileName = Optional(json, "fn"),
            Features = Optional(json, "features"),
            TrackFeatures = Optional(json, "track_features"),
        };

    private static string? Optional(JsonElement json, string key) =>
        json.TryGetProperty(key, out JsonElement value) ? value.GetString() : null;

    private static JsonElement Load(string file) =>
        Cache.GetOrAdd(file, static f =>
        {
            string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", f));
            using JsonDocument document = JsonDocument.Parse(
                text,
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            return document.RootElement.Clone();
        });
}
