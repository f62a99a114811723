using System.Globalization;

namespace Quetz.Host.Http;

/// <summary>Query-string parsing with pydantic's lax rules and FastAPI's 422 errors.</summary>
internal static class QueryValues
{
    public static bool Bool(HttpRequest request, string name, bool fallback)
    {
        var raw = request.Query[name].ToString();
        if (raw.Length == 0 && !request.Query.ContainsKey(name))
        {
            return fallback;
        }

        return Config.QuetzConfigLoader.ParseBool(raw)
            ?? throw ApiException.Invalid(["query", name], "Input should be a valid boolean, unable to interpret input", "bool_parsing", raw);
    }

    public static int Int(HttpRequest request, string name, int fallback)
    {
        if (!request.Query.TryGetValue(name, out var values) || values.Count == 0)
        {
            return fallback;
        }

        var raw = values.ToString();
        return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiException.Invalid(["query", name], "Input should be a valid integer, unable to parse string as an integer", "int_parsing", raw);
    }

    public static string? String(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) ? values.ToString() : null;

    public static string Required(HttpRequest request, string name) =>
        String(request, name) ?? throw ApiException.Invalid(["query", name], "Field required", "missing");
}
