using System.Text.Json;
using System.Text.Json.Nodes;

namespace Quetz.Conda.Archives;

/// <summary>Parses a package's JSON members into <see cref="JsonObject"/>s, as leniently as Python's <c>json</c>
/// in the ways that matter: a UTF-8 byte order mark is skipped and a repeated key keeps its last value.</summary>
internal static class JsonObjects
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    public static JsonObject Parse(byte[] utf8, string member)
    {
        ReadOnlyMemory<byte> json = utf8;
        if (json.Span.StartsWith("\uFEFF"u8))
        {
            json = json[3..];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidPackageException($"{member} is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidPackageException($"{member} is not a JSON object");
            }

            return (JsonObject)ToNode(document.RootElement)!;
        }
    }

    private static JsonNode? ToNode(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    obj[property.Name] = ToNode(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (JsonElement item in element.EnumerateArray())
                {
                    array.Add(ToNode(item));
                }

                return array;
            case JsonValueKind.String:
                return JsonValue.Create(element.GetString());
            case JsonValueKind.True:
                return JsonValue.Create(true);
            case JsonValueKind.False:
                return JsonValue.Create(false);
            case JsonValueKind.Number:
                return element.TryGetInt64(out long integer) ? JsonValue.Create(integer) : JsonValue.Create(element.Clone());
            default:
                return null;
        }
    }
}
