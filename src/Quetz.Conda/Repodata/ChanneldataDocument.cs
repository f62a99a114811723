using System.Text.Json;
using System.Text.Json.Nodes;

namespace Quetz.Conda.Repodata;

/// <summary>
/// A channel's <c>channeldata.json</c> in conda-index's layout:
/// <c>{"channeldata_version":1,"packages":{name:{…}},"subdirs":[sorted]}</c>.
/// </summary>
/// <remarks>
/// <see cref="Subdirs"/> always contains <c>noarch</c>, as both quetz and conda-index write it.
/// Package entries are plain <see cref="JsonObject"/>s (see <see cref="ChanneldataEntry"/>); a
/// package registered without files has the empty entry <c>{}</c>. Not thread-safe.
/// </remarks>
public sealed class ChanneldataDocument
{
    /// <summary>The top-level keys this class models; <see cref="Extra"/> may not use them.</summary>
    public static readonly IReadOnlyList<string> StandardKeys = ["channeldata_version", "packages", "subdirs"];

    /// <summary>Creates a document with no packages and the subdir <c>noarch</c>.</summary>
    public ChanneldataDocument()
    {
        Subdirs.Add("noarch");
    }

    /// <summary>The <c>channeldata_version</c> (1).</summary>
    public int ChanneldataVersion { get; set; } = 1;

    /// <summary>The package entries by package name.</summary>
    public SortedDictionary<string, JsonObject> Packages { get; } = new(CodePointComparer.Instance);

    /// <summary>The channel's subdirs (<c>subdirs</c>), sorted; includes <c>noarch</c>.</summary>
    public SortedSet<string> Subdirs { get; } = new(CodePointComparer.Instance);

    /// <summary>Other top-level keys found when parsing; written sorted among the standard keys.</summary>
    public JsonObject Extra { get; } = [];

    /// <summary>Parses <c>channeldata.json</c> as written by conda-index or quetz (whose <c>subdirs</c> are unordered).</summary>
    /// <param name="utf8Json">The UTF-8 JSON.</param>
    /// <returns>The document.</returns>
    /// <exception cref="JsonException">The JSON is malformed or not channeldata-shaped.</exception>
    public static ChanneldataDocument Parse(ReadOnlySpan<byte> utf8Json)
    {
        if (JsonNodeReader.ReadDocument(utf8Json, 128) is not JsonObject root)
        {
            throw new JsonException("channeldata.json must be a JSON object.");
        }

        var document = new ChanneldataDocument();
        foreach ((string key, JsonNode? value) in root.ToList())
        {
            switch (key)
            {
                case "channeldata_version":
                    document.ChanneldataVersion = JsonNodeValues.Int64(value) is long version and >= int.MinValue and <= int.MaxValue
                        ? (int)version
                        : throw new JsonException("\"channeldata_version\" must be an integer.");
                    break;
                case "packages":
                    if (value is JsonObject packages)
                    {
                        foreach ((string name, JsonNode? entry) in packages.ToList())
                        {
                            packages.Remove(name);
                            document.Packages[name] = entry as JsonObject ?? [];
                        }
                    }

                    break;
                case "subdirs":
                    if (value is JsonArray subdirs)
                    {
                        foreach (JsonNode? subdir in subdirs)
                        {
                            if (JsonNodeValues.String(subdir) is string text)
                            {
                                document.Subdirs.Add(text);
                            }
                        }
                    }

                    break;
                default:
                    root.Remove(key);
                    document.Extra[key] = value;
                    break;
            }
        }

        return document;
    }

    /// <summary>
    /// Merges an upload's entry into the package's stored entry (<see cref="ChanneldataEntry.Merge"/>)
    /// and adds its subdirs to <see cref="Subdirs"/>.
    /// </summary>
    /// <param name="name">The package name.</param>
    /// <param name="incoming">The upload's entry, e.g. from <see cref="ChanneldataEntry.FromPackage(JsonObject, JsonObject?, JsonObject?, JsonObject?, IReadOnlyList{string})"/>.</param>
    /// <returns>The merged entry now stored.</returns>
    public JsonObject Add(string name, JsonObject incoming)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(incoming);
        Packages.TryGetValue(name, out JsonObject? existing);
        JsonObject merged = ChanneldataEntry.Merge(existing is { Count: > 0 } ? existing : null, incoming);
        Packages[name] = merged;
        if (merged["subdirs"] is JsonArray subdirs)
        {
            foreach (JsonNode? subdir in subdirs)
            {
                if (JsonNodeValues.String(subdir) is string text)
                {
                    Subdirs.Add(text);
                }
            }
        }

        return merged;
    }

    /// <summary>Removes a package's entry; <see cref="Subdirs"/> is left as is.</summary>
    /// <param name="name">The package name.</param>
    /// <returns>Whether there was an entry.</returns>
    public bool Remove(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Packages.Remove(name);
    }
}
