using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Quetz.Conda.Repodata.Shards;

/// <summary>
/// Turns one repodata record from JSON into the MessagePack a shard holds: values as Python's
/// <c>msgpack.packb(json.loads(record))</c> packs them (integers as integers, numbers with a fraction
/// or exponent as float64), except the record's <c>md5</c> and <c>sha256</c>, which CEP-16 stores as
/// raw bytes instead of hex.
/// </summary>
/// <remarks>
/// Keys keep the order of the JSON text. <see cref="RepodataWriter.SerializeRecord"/> sorts them, so
/// records from it give canonical shards without a second sort here.
/// </remarks>
internal static class JsonRecordEncoder
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    /// <summary>Writes the record of <paramref name="fileName"/>.</summary>
    /// <exception cref="ArgumentException">The JSON is invalid, not an object, or has a value MessagePack or CEP-16 cannot hold.</exception>
    public static void Write(IBufferWriter<byte> output, string fileName, ReadOnlyMemory<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The record of '{fileName}' is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException($"The record of '{fileName}' is a JSON {root.ValueKind}, not an object.");
            }

            try
            {
                WriteObject(output, root, fileName, topLevel: true);
            }
            catch (Exception e) when (e is InvalidOperationException or EncoderFallbackException)
            {
                // A "\ud800" escape decodes to a lone surrogate, which has no UTF-8 form.
                throw new ArgumentException($"The record of '{fileName}' has a string that is not valid Unicode.", e);
            }
        }
    }

    private static void WriteObject(IBufferWriter<byte> output, JsonElement obj, string fileName, bool topLevel)
    {
        int count = 0;
        foreach (JsonProperty unused in obj.EnumerateObject())
        {
            count++;
        }

        MessagePackWriter.WriteMapHeader(output, count);
        foreach (JsonProperty property in obj.EnumerateObject())
        {
            ReadOnlySpan<byte> rawName = JsonMarshal.GetRawUtf8PropertyName(property);
            if (rawName.Contains((byte)'\\'))
            {
                MessagePackWriter.WriteString(output, property.Name);
            }
            else
            {
                MessagePackWriter.WriteUtf8String(output, rawName);
            }

            if (topLevel && property.NameEquals("md5"u8))
            {
                WriteChecksum(output, property.Value, 16, fileName, "md5");
            }
            else if (topLevel && property.NameEquals("sha256"u8))
            {
                WriteChecksum(output, property.Value, 32, fileName, "sha256");
            }
            else
            {
                WriteValue(output, property.Value, fileName);
            }
        }
    }

    private static void WriteValue(IBufferWriter<byte> output, JsonElement element, string fileName)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(output, element, fileName, topLevel: false);
                break;
            case JsonValueKind.Array:
                MessagePackWriter.WriteArrayHeader(output, element.GetArrayLength());
                foreach (JsonElement item in element.EnumerateArray())
                {
                    WriteValue(output, item, fileName);
                }

                break;
            case JsonValueKind.String:
                WriteString(output, element);
                break;
            case JsonValueKind.Number:
                WriteNumber(output, element, fileName);
                break;
            case JsonValueKind.True:
                MessagePackWriter.WriteBoolean(output, true);
                break;
            case JsonValueKind.False:
                MessagePackWriter.WriteBoolean(output, false);
                break;
            default:
                MessagePackWriter.WriteNil(output);
                break;
        }
    }

    private static void WriteString(IBufferWriter<byte> output, JsonElement element)
    {
        // The raw value is the quoted JSON text; without escapes its inside is the UTF-8 to store.
        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8Value(element);
        ReadOnlySpan<byte> inner = raw[1..^1];
        if (inner.Contains((byte)'\\'))
        {
            MessagePackWriter.WriteString(output, element.GetString());
        }
        else
        {
            MessagePackWriter.WriteUtf8String(output, inner);
        }
    }

    private static void WriteNumber(IBufferWriter<byte> output, JsonElement element, string fileName)
    {
        // Python's json.loads makes a float of any number with a fraction or exponent, an int otherwise.
        if (JsonMarshal.GetRawUtf8Value(element).IndexOfAny(".eE"u8) >= 0)
        {
            if (!element.TryGetDouble(out double real) || !double.IsFinite(real))
            {
                throw new ArgumentException($"The record of '{fileName}' has the number {element.GetRawText()}, too large for a float64.");
            }

            MessagePackWriter.WriteDouble(output, real);
        }
        else if (element.TryGetInt64(out long integer))
        {
            MessagePackWriter.WriteInt64(output, integer);
        }
        else if (element.TryGetUInt64(out ulong unsigned))
        {
            MessagePackWriter.WriteUInt64(output, unsigned);
        }
        else
        {
            throw new ArgumentException($"The record of '{fileName}' has the integer {element.GetRawText()}, outside MessagePack's 64-bit range.");
        }
    }

    private static void WriteChecksum(IBufferWriter<byte> output, JsonElement value, int length, string fileName, string key)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            MessagePackWriter.WriteNil(output);
            return;
        }

        string? hex = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        Span<byte> bytes = stackalloc byte[length];
        if (hex is null || hex.Length != length * 2
            || Convert.FromHexString(hex, bytes, out _, out int written) != OperationStatus.Done || written != length)
        {
            throw new ArgumentException($"The record of '{fileName}' has {key} {value.GetRawText()}; expected {length * 2} hex digits.");
        }

        MessagePackWriter.WriteBinary(output, bytes);
    }
}
