using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Quetz.Conda.Repodata;

/// <summary>
/// Reads numbers, strings and booleans from <see cref="JsonNode"/>s whether they were parsed (backed
/// by a <see cref="JsonElement"/>) or built in code (<c>JsonValue.Create(4)</c>, whose
/// <c>TryGetValue&lt;long&gt;</c> fails because it holds an <see cref="int"/>).
/// </summary>
internal static class JsonNodeValues
{
    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.TryGetValue(out string? text) ? text : null;

    public static bool? Boolean(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    public static double? Double(JsonNode? node) =>
        NumberText(node) is string text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) ? number : null;

    public static long? Int64(JsonNode? node)
    {
        if (NumberText(node) is not string text)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number))
        {
            return number;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double real) && double.IsFinite(real)
            && real is >= long.MinValue and <= long.MaxValue
            ? (long)real
            : null;
    }

    /// <summary>
    /// The number as Python's <c>json.dumps</c> writes it after <c>json.loads</c>: parsed numbers by
    /// their text, numbers built from <see cref="double"/>/<see cref="float"/> as Python floats,
    /// integers as integers.
    /// </summary>
    public static string? PythonNumber(JsonValue value)
    {
        if (value.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        if (value.TryGetValue(out JsonElement element))
        {
            return PythonJson.NumberText(element.GetRawText());
        }

        if (value.TryGetValue(out double d))
        {
            return PythonJson.FloatRepr(d);
        }

        if (value.TryGetValue(out float f))
        {
            return PythonJson.FloatRepr(double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        }

        if (value.TryGetValue(out decimal m))
        {
            string text = m.ToString(CultureInfo.InvariantCulture);
            return PythonJson.NumberText(text.Contains('.', StringComparison.Ordinal) ? text : text + ".0");
        }

        return PythonJson.NumberText(value.ToJsonString());
    }

    private static string? NumberText(JsonNode? node)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        if (value.TryGetValue(out JsonElement element))
        {
            return element.GetRawText();
        }

        // ToJsonString() throws for infinities, which json.loads gives for 1e400.
        return value.TryGetValue(out double d) ? d.ToString("R", CultureInfo.InvariantCulture) : value.ToJsonString();
    }
}
