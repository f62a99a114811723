using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Quetz.Conda.Repodata;

/// <summary>
/// Writes JSON byte for byte as Python's <c>json.dumps(data, sort_keys=True, separators=(",", ":"))</c>
/// does: object keys sorted by code point, no spaces, <c>ensure_ascii</c> escaping (every character
/// outside <c>' '..'~'</c> as a lower-case <c>\uXXXX</c>, surrogate pairs as two escapes), integers as
/// written, floats in Python's <c>repr</c> form (<c>1.0</c>, <c>1e-05</c>, <c>1e+16</c>).
/// </summary>
/// <remarks>
/// <see cref="Utf8JsonWriter"/> cannot produce these bytes: it escapes with upper-case hex and
/// escapes HTML-sensitive characters (<c>+</c>, <c>&lt;</c>, <c>&amp;</c>, <c>'</c>) that Python leaves alone.
/// </remarks>
internal static class PythonJson
{
    private const int MaxDepth = 256;

    // Characters Python writes unescaped under ensure_ascii: printable ASCII except '"' and '\'.
    private static readonly SearchValues<char> Plain = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    public static void WriteRaw(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        Span<byte> span = output.GetSpan(bytes.Length);
        bytes.CopyTo(span);
        output.Advance(bytes.Length);
    }

    public static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    public static void WriteString(IBufferWriter<byte> output, ReadOnlySpan<char> value)
    {
        WriteByte(output, (byte)'"');
        while (!value.IsEmpty)
        {
            int plain = value.IndexOfAnyExcept(Plain);
            ReadOnlySpan<char> run = plain < 0 ? value : value[..plain];
            if (!run.IsEmpty)
            {
                Span<byte> span = output.GetSpan(run.Length);
                for (int i = 0; i < run.Length; i++)
                {
                    span[i] = (byte)run[i];
                }

                output.Advance(run.Length);
            }

            if (plain < 0)
            {
                break;
            }

            WriteEscape(output, value[plain]);
            value = value[(plain + 1)..];
        }

        WriteByte(output, (byte)'"');
    }

    /// <summary>Writes <paramref name="node"/> with sorted keys, compact.</summary>
    public static void WriteNode(IBufferWriter<byte> output, JsonNode? node) => WriteNode(output, node, 0);

    /// <summary>Writes an object, keys sorted.</summary>
    public static void WriteObject(IBufferWriter<byte> output, JsonObject obj) => WriteObject(output, obj, 0, null);

    /// <summary>The keys of <paramref name="obj"/> in code point order.</summary>
    public static string[] SortedKeys(JsonObject obj)
    {
        string[] keys = new string[obj.Count];
        int i = 0;
        foreach (KeyValuePair<string, JsonNode?> pair in obj)
        {
            keys[i++] = pair.Key;
        }

        Array.Sort(keys, CodePointComparer.Instance);
        return keys;
    }

    /// <summary>
    /// Python's text for a JSON number: integers unchanged (<c>-0</c> becomes <c>0</c>), anything with
    /// a fraction or exponent as the <c>repr</c> of the float it parses to.
    /// </summary>
    public static string NumberText(string json)
    {
        if (json.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
        {
            return json == "-0" ? "0" : json;
        }

        return FloatRepr(double.Parse(json, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    /// <summary>Python's <c>repr(float)</c> (and so <c>json.dumps</c> of a float).</summary>
    public static string FloatRepr(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        // Shortest round-trip digits, then laid out the way CPython's float_repr_style 'short' does.
        string shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        ParseDigits(shortest, out string digits, out int decimalPoint);

        var text = new System.Text.StringBuilder(digits.Length + 8);
        if (value < 0)
        {
            text.Append('-');
        }

        if (decimalPoint is > -4 and <= 16)
        {
            if (decimalPoint <= 0)
            {
                text.Append("0.").Append('0', -decimalPoint).Append(digits);
            }
            else if (decimalPoint >= digits.Length)
            {
                text.Append(digits).Append('0', decimalPoint - digits.Length).Append(".0");
            }
            else
            {
                text.Append(digits, 0, decimalPoint).Append('.').Append(digits, decimalPoint, digits.Length - decimalPoint);
            }
        }
        else
        {
            int exponent = decimalPoint - 1;
            text.Append(digits[0]);
            if (digits.Length > 1)
            {
                text.Append('.').Append(digits, 1, digits.Length - 1);
            }

            text.Append('e').Append(exponent < 0 ? '-' : '+')
                .Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    // "1.2345E+16" / "0.0001" / "123.5" -> significant digits "12345" and the position of the
    // decimal point relative to their start (value = 0.d1d2... * 10^decimalPoint).
    private static void ParseDigits(string text, out string digits, out int decimalPoint)
    {
        int exponent = 0;
        int e = text.IndexOfAny(['E', 'e']);
        string mantissa = text;
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = text[..e];
        }

        int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        string intPart = dot < 0 ? mantissa : mantissa[..dot];
        string fracPart = dot < 0 ? string.Empty : mantissa[(dot + 1)..];
        string all = intPart + fracPart;
        int point = intPart.Length + exponent;
        int leading = 0;
        while (leading < all.Length - 1 && all[leading] == '0')
        {
            leading++;
        }

        all = all[leading..];
        point -= leading;
        digits = all.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        decimalPoint = point;
    }

    private static void WriteEscape(IBufferWriter<byte> output, char c)
    {
        ReadOnlySpan<byte> simple = c switch
        {
            '"' => "\\\""u8,
            '\\' => "\\\\"u8,
            '\n' => "\\n"u8,
            '\r' => "\\r"u8,
            '\t' => "\\t"u8,
            '\b' => "\\b"u8,
            '\f' => "\\f"u8,
            _ => default,
        };
        if (!simple.IsEmpty)
        {
            WriteRaw(output, simple);
            return;
        }

        Span<byte> span = output.GetSpan(6);
        span[0] = (byte)'\\';
        span[1] = (byte)'u';
        span[2] = HexDigits[(c >> 12) & 0xF];
        span[3] = HexDigits[(c >> 8) & 0xF];
        span[4] = HexDigits[(c >> 4) & 0xF];
        span[5] = HexDigits[c & 0xF];
        output.Advance(6);
    }

    private static void WriteNode(IBufferWriter<byte> output, JsonNode? node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"JSON nested deeper than {MaxDepth} levels.");
        }

        switch (node)
        {
            case null:
                WriteRaw(output, "null"u8);
                break;
            case JsonObject obj:
                WriteObject(output, obj, depth);
                break;
            case JsonArray array:
                WriteByte(output, (byte)'[');
                for (int i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        WriteByte(output, (byte)',');
                    }

                    WriteNode(output, array[i], depth + 1);
                }

                WriteByte(output, (byte)']');
                break;
            default:
                WriteValue(output, node.AsValue());
                break;
        }
    }

    /// <summary>Writes the members of <paramref name="obj"/> for which <paramref name="include"/> holds, keys sorted.</summary>
    public static void WriteObject(IBufferWriter<byte> output, JsonObject obj, Func<string, JsonNode?, bool> include) =>
        WriteObject(output, obj, 0, include);

    private static void WriteObject(IBufferWriter<byte> output, JsonObject obj, int depth, Func<string, JsonNode?, bool>? include = null)
    {
        WriteByte(output, (byte)'{');
        if (obj.Count > 0)
        {
            string[] keys = SortedKeys(obj);
            bool first = true;
            for (int i = 0; i < keys.Length; i++)
            {
                JsonNode? value = obj[keys[i]];
                if (include is not null && !include(keys[i], value))
                {
                    continue;
                }

                if (!first)
                {
                    WriteByte(output, (byte)',');
                }

                first = false;
                WriteString(output, keys[i]);
                WriteByte(output, (byte)':');
                WriteNode(output, value, depth + 1);
            }
        }

        WriteByte(output, (byte)'}');
    }

    private static void WriteValue(IBufferWriter<byte> output, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(output, value.GetValue<string>());
                break;
            case JsonValueKind.Number:
                WriteAscii(output, JsonNodeValues.PythonNumber(value)!);
                break;
            case JsonValueKind.True:
                WriteRaw(output, "true"u8);
                break;
            case JsonValueKind.False:
                WriteRaw(output, "false"u8);
                break;
            case JsonValueKind.Null:
                WriteRaw(output, "null"u8);
                break;
            default:
                // A JsonValue wrapping an object or array (JsonValue.Create(JsonElement)).
                WriteNode(output, JsonNode.Parse(value.ToJsonString()), 0);
                break;
        }
    }

    private static void WriteAscii(IBufferWriter<byte> output, string text)
    {
        Span<byte> span = output.GetSpan(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        output.Advance(text.Length);
    }

    /// <summary>
    /// The top-level keys of a document in Python's <c>sort_keys=True</c> order: the standard ones merged with the
    /// extra ones, which may not repeat a standard key.
    /// </summary>
    internal static List<string> TopLevelKeys(IReadOnlyList<string> standard, JsonObject extra, string documentKind, string parameterName)
    {
        foreach ((string key, _) in extra)
        {
            if (standard.Contains(key, StringComparer.Ordinal))
            {
                throw new ArgumentException($"The extra key '{key}' is a standard {documentKind} key.", parameterName);
            }
        }

        var keys = new List<string>(standard);
        keys.AddRange(extra.Select(p => p.Key));
        keys.Sort(CodePointComparer.Instance);
        return keys;
    }
}
