using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Quetz.Conda.Repodata;

/// <summary>
/// Builds a <see cref="JsonNode"/> from a <see cref="Utf8JsonReader"/> with Python's
/// <c>json.loads</c> semantics: a repeated key keeps its last value (where <see cref="JsonNode.Parse(ref Utf8JsonReader, JsonNodeOptions?)"/>
/// throws later, on first access), integers stay exact, other numbers become doubles.
/// </summary>
internal static class JsonNodeReader
{
    /// <summary>Reads one whole JSON document.</summary>
    /// <exception cref="JsonException">The input is not exactly one JSON value.</exception>
    public static JsonNode? ReadDocument(ReadOnlySpan<byte> utf8Json, int maxDepth)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = maxDepth });
        if (!reader.Read())
        {
            throw new JsonException("The input holds no JSON value.");
        }

        JsonNode? node = Read(ref reader);
        if (reader.Read())
        {
            throw new JsonException("The input holds more than one JSON value.");
        }

        return node;
    }

    /// <summary>Reads the value at the reader's current token; leaves the reader on its last token.</summary>
    public static JsonNode? Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JsonObject();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    string key = reader.GetString()!;
                    reader.Read();
                    obj[key] = Read(ref reader);
                }

                return obj;
            case JsonTokenType.StartArray:
                var array = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    array.Add(Read(ref reader));
                }

                return array;
            case JsonTokenType.String:
                return JsonValue.Create(reader.GetString()!);
            case JsonTokenType.Number:
                return Number(ref reader);
            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            case JsonTokenType.Null:
                return null;
            default:
                throw new JsonException($"Unexpected JSON token {reader.TokenType}.");
        }
    }

    private static JsonValue Number(ref Utf8JsonReader reader)
    {
        ReadOnlySpan<byte> raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        bool integer = raw.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0;
        if (integer)
        {
            // Python ints are unbounded: keep a too-large integer as its text.
            return reader.TryGetInt64(out long value) ? JsonValue.Create(value) : JsonValue.Create(JsonElement.ParseValue(ref reader))!;
        }

        return JsonValue.Create(double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture));
    }
}
