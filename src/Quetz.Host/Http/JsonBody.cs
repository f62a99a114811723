using System.Text.Json;
using System.Text.RegularExpressions;

namespace Quetz.Host.Http;

/// <summary>
/// A JSON request body read field by field, so that a wrong field gets FastAPI's 422 error naming it
/// (<c>loc: ["body", field]</c>) and the handler knows which fields were present at all.
/// </summary>
internal sealed class JsonBody
{
    private readonly JsonElement _root;

    private JsonBody(JsonElement root) => _root = root;

    public static async Task<JsonBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException e)
        {
            throw ApiException.Invalid(["body"], $"JSON decode error: {e.Message}", "json_invalid");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.Invalid(["body"], "Input should be a valid dictionary or object to extract fields from", "model_attributes_type");
        }

        return new JsonBody(document.RootElement.Clone());
    }

    public IEnumerable<string> FieldNames => _root.EnumerateObject().Select(p => p.Name);

    public bool Has(string name) => _root.TryGetProperty(name, out _);

    public bool IsNull(string name) => _root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Null;

    public string RequiredString(string name, int? maxLength = null, Regex? pattern = null) =>
        String(name, maxLength, pattern) ?? throw (Has(name)
            ? ApiException.Invalid(["body", name], "Input should be a valid string", "string_type")
            : ApiException.Invalid(["body", name], "Field required", "missing"));

    public string? String(string name, int? maxLength = null, Regex? pattern = null)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw ApiException.Invalid(["body", name], "Input should be a valid string", "string_type", Raw(value));
        }

        var text = value.GetString()!;
        if (maxLength is { } max && text.Length > max)
        {
            throw ApiException.Invalid(["body", name], $"String should have at most {max} characters", "string_too_long", text);
        }

        if (pattern is not null && !pattern.IsMatch(text))
        {
            throw ApiException.Invalid(["body", name], $"String should match pattern '{pattern}'", "string_pattern_mismatch", text);
        }

        return text;
    }

    public bool? Bool(string name)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetInt32(out var n) && n is 0 or 1 => n == 1,
            JsonValueKind.String when Config.QuetzConfigLoader.ParseBool(value.GetString()) is { } b => b,
            _ => throw ApiException.Invalid(["body", name], "Input should be a valid boolean", "bool_type", Raw(value)),
        };
    }

    public long? Long(string name, long min = long.MinValue)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        long number;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n))
        {
            number = n;
        }
        else if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), out var parsed))
        {
            number = parsed;
        }
        else
        {
            throw ApiException.Invalid(["body", name], "Input should be a valid integer", "int_type", Raw(value));
        }

        if (number < min)
        {
            throw ApiException.Invalid(["body", name], $"Input should be greater than or equal to {min}", "greater_than_equal", number);
        }

        return number;
    }

    public JsonElement? Element(string name) =>
        _root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public List<string>? StringList(string name, params string[] outer)
    {
        if (Element(name) is not { } value)
        {
            return null;
        }

        return StringListOf(value, [.. outer, name]);
    }

    public static List<string> StringListOf(JsonElement value, string[] loc)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.Invalid(["body", .. loc], "Input should be a valid list", "list_type", Raw(value));
        }

        var list = new List<string>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw ApiException.Invalid(["body", .. loc, i],
                    "Input should be a valid string", "string_type", Raw(item));
            }

            list.Add(item.GetString()!);
            i++;
        }

        return list;
    }

    private static string? Raw(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => value.GetRawText(),
    };
}
