namespace Quetz.Host.Http;

/// <summary>OpenAPI metadata for quetz's error bodies.</summary>
internal static class EndpointDocs
{
    public static RouteHandlerBuilder ProducesError(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.Produces<ErrorDetail>(status);
        }

        return builder;
    }

    /// <summary>
    /// Documents a JSON body without letting routing turn other content types away. quetz (FastAPI) reads a body
    /// sent without Content-Type (Python's <c>requests.post(url, data=json.dumps(…))</c>) as JSON; with only
    /// <c>application/json</c> declared, routing would hand such requests to the 404 fallback.
    /// </summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder) where T : notnull =>
        builder.Accepts<T>("application/json", "*/*");

    public static RouteHandlerBuilder ProducesNull(this RouteHandlerBuilder builder, int status = StatusCodes.Status200OK) =>
        builder.Produces(status, contentType: "application/json");
}

/// <summary><c>{"detail": …}</c>: a message, or a list of validation errors.</summary>
internal sealed record ErrorDetail(object Detail);
