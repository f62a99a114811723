using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Quetz.Conda.Tests.Repodata;

internal static class JsonTestExtensions
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Compact JSON without the HTML-safe escaping of <c>ToJsonString()</c>, for readable assertions.</summary>
    public static string ToCompactJson(this JsonNode node) => node.ToJsonString(Relaxed);
}
