using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Quetz.Plugins.ContentTrust.Signing;

/// <summary>
/// conda-content-trust's <c>canonserialize</c>: Python's <c>json.dumps(obj, indent=2, sort_keys=True)</c> encoded as
/// UTF-8, byte for byte: keys sorted by code point, two-space indentation with <c>", "</c> becoming <c>",\n"</c> and
/// <c>": "</c> after keys, <c>{}</c> and <c>[]</c> for empty containers, <c>ensure_ascii</c> escapes (lower-case
/// <c>\uXXXX</c>, surrogate pairs as two escapes), integers as written and floats in Python's <c>repr</c>. These are
/// the bytes a record's signature covers, and conda recomputes them from the parsed repodata to verify it.
/// </summary>
internal static class CanonicalJson
{
    public static byte[] Serialize(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(text, node, 0);
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static void Write(StringBuilder text, JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj when obj.Count == 0:
                text.Append("{}");
                break;
            case JsonObject obj:
                text.Append("{\n");
                var keys = obj.Select(p => p.Key).ToArray();
                Array.Sort(keys, CodePointComparer.Instance);
                for (var i = 0; i < keys.Length; i++)
                {
                    Indent(text, depth + 1);
                    WriteString(text, keys[i]);
                    text.Append(": ");
                    Write(text, obj[keys[i]], depth + 1);
                    text.Append(i < keys.Length - 1 ? ",\n" : "\n");
                }

                Indent(text, depth);
                text.Append('}');
                break;
            case JsonArray array when array.Count == 0:
                text.Append("[]");
                break;
            case JsonArray array:
                text.Append("[\n");
                for (var i = 0; i < array.Count; i++)
                {
                    Indent(text, depth + 1);
                    Write(text, array[i], depth + 1);
                    text.Append(i < array.Count - 1 ? ",\n" : "\n");
                }

                Indent(text, depth);
                text.Append(']');
                break;
            case JsonValue value:
                WriteValue(text, value);
                break;
        }
    }

    private static void WriteValue(StringBuilder text, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(text, value.GetValue<string>());
                break;
            case JsonValueKind.Number:
                text.Append(NumberText(value.ToJsonString()));
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            default:
                text.Append("null");
                break;
        }
    }

    private static void Indent(StringBuilder text, int depth) => text.Append(' ', depth * 2);

    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                case >= ' ' and <= '~':
                    text.Append(c);
                    break;
                default:
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }
        }

        text.Append('"');
    }

    /// <summary>What Python writes for a parsed JSON number: integers as written (<c>-0</c> as <c>0</c>), others as <c>repr(float)</c>.</summary>
    internal static string NumberText(string json) =>
        json.AsSpan().IndexOfAny('.', 'e', 'E') < 0
            ? (json == "-0" ? "0" : json)
            : FloatRepr(double.Parse(json, NumberStyles.Float, CultureInfo.InvariantCulture));

    /// <summary>
    /// Python's <c>repr(float)</c>: the shortest digits that round-trip, positional when the decimal exponent is in
    /// [-4, 16), else <c>d.ddde±XX</c>.
    /// </summary>
    internal static string FloatRepr(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        var sign = double.IsNegative(value) ? "-" : "";
        if (value == 0)
        {
            return sign + "0.0";
        }

        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var e = shortest.IndexOfAny(['E', 'e']);
        var mantissa = e < 0 ? shortest : shortest[..e];
        var exponent = e < 0 ? 0 : int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var position = (point < 0 ? mantissa.Length : point) + exponent;
        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        position -= leading;

        var scientific = position - 1;
        if (scientific is >= -4 and < 16)
        {
            if (position <= 0)
            {
                return sign + "0." + new string('0', -position) + digits;
            }

            return position >= digits.Length
                ? sign + digits + new string('0', position - digits.Length) + ".0"
                : sign + digits[..position] + "." + digits[position..];
        }

        var fraction = digits.Length > 1 ? "." + digits[1..] : "";
        return $"{sign}{digits[0]}{fraction}e{(scientific < 0 ? '-' : '+')}{Math.Abs(scientific):00}";
    }
}
