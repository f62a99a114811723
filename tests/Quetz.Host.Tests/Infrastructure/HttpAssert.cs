using System.Net;
using System.Text.Json;

namespace Quetz.Host.Tests.Infrastructure;

/// <summary>Assertions on quetz's responses: status codes and <c>{"detail": …}</c> bodies.</summary>
public static class HttpAssert
{
    public static async Task<JsonElement> StatusAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The status and the JSON body <c>null</c> most of quetz's writes answer with.</summary>
    public static async Task NullAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        var body = await StatusAsync(expected, response);
        Assert.Equal(JsonValueKind.Null, body.ValueKind);
    }

    /// <summary>The status and the <c>detail</c> string (or the first entry of a detail list).</summary>
    public static async Task DetailAsync(HttpStatusCode expected, string detail, HttpResponseMessage response)
    {
        var body = await StatusAsync(expected, response);
        var actual = body.GetProperty("detail");
        var text = actual.ValueKind == JsonValueKind.Array ? actual[0].ToString() : actual.GetString();
        Assert.Equal(detail, text);
    }

    /// <summary>The status and a <c>detail</c> that is a plain string (quetz's HTTPException and domain errors).</summary>
    public static async Task StringDetailAsync(HttpStatusCode expected, string detail, HttpResponseMessage response)
    {
        var body = await StatusAsync(expected, response);
        var actual = body.GetProperty("detail");
        Assert.Equal(JsonValueKind.String, actual.ValueKind);
        Assert.Equal(detail, actual.GetString());
    }

    /// <summary>The status and quetz's server-role failure body: <c>{"detail": ["<paramref name="detail"/>"]}</c>, a one-element list.</summary>
    public static async Task DetailListAsync(HttpStatusCode expected, string detail, HttpResponseMessage response)
    {
        var body = await StatusAsync(expected, response);
        var actual = body.GetProperty("detail");
        Assert.Equal(JsonValueKind.Array, actual.ValueKind);
        Assert.Equal(detail, Assert.Single(actual.EnumerateArray()).GetString());
    }

    /// <summary>A FastAPI validation error (422) whose first entry's message contains <paramref name="fragment"/>.</summary>
    public static async Task ValidationAsync(string fragment, HttpResponseMessage response)
    {
        var body = await StatusAsync(HttpStatusCode.UnprocessableEntity, response);
        var detail = body.GetProperty("detail");
        var message = detail.ValueKind == JsonValueKind.Array ? detail[0].GetProperty("msg").GetString() : detail.GetString();
        Assert.Contains(fragment, message, StringComparison.Ordinal);
    }

    public static string[] Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();
}
