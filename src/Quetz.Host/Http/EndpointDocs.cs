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

    public static RouteHandlerBuilder ProducesNull(this RouteHandlerBuilder builder, int status = StatusCodes.Status200OK) =>
        builder.Produces(status, contentType: "application/json");
}

/// <summary><c>{"detail": …}</c>: a message, or a list of validation errors.</summary>
internal sealed record ErrorDetail(object Detail);
