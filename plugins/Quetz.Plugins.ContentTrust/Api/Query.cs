using Microsoft.AspNetCore.Http;
using Quetz.Abstractions.Http;

namespace Quetz.Plugins.ContentTrust.Api;

/// <summary>Query parameters read as quetz's FastAPI reads them: a missing required one or a bad boolean is a 422.</summary>
internal static class Query
{
    public static string Required(HttpRequest request, string name) =>
        request.Query[name].FirstOrDefault() is { Length: > 0 } value ? value : throw new QuetzHttpException(422, $"Field required: {name}");

    public static bool? Bool(HttpRequest request, string name) =>
        request.Query[name].FirstOrDefault()?.ToLowerInvariant() switch
        {
            null => null,
            "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" => false,
            _ => throw new QuetzHttpException(422, $"Input should be a valid boolean: {name}"),
        };
}
