namespace Quetz.Host.Http;

/// <summary>
/// An HTTP error answered as quetz answers it: <c>{"detail": …}</c> with the status. Thrown from deep inside
/// permission and validation checks, as FastAPI's HTTPException is, so a handler reads top to bottom.
/// </summary>
internal sealed class ApiException(int status, object detail) : Exception(detail as string ?? "request failed")
{
    public int Status { get; } = status;

    /// <summary>A string, or for quetz's server-role failures a one-element list, or a list of validation errors.</summary>
    public object Detail { get; } = detail;

    public static ApiException NotFound(string detail) => new(StatusCodes.Status404NotFound, detail);

    public static ApiException Forbidden(string detail = "No permission") => new(StatusCodes.Status403Forbidden, detail);

    public static ApiException NotLoggedIn() => new(StatusCodes.Status401Unauthorized, "Not logged in");

    public static ApiException Conflict(string detail) => new(StatusCodes.Status409Conflict, detail);

    public static ApiException Unprocessable(string detail) => new(StatusCodes.Status422UnprocessableEntity, detail);

    /// <summary>A request-validation failure in FastAPI's shape: a list of <c>{type, loc, msg, input}</c>.</summary>
    public static ApiException Invalid(object[] loc, string msg, string type, object? input = null) =>
        new(StatusCodes.Status422UnprocessableEntity, new[] { new ValidationError(type, loc, msg, input) });
}

internal sealed record ValidationError(string Type, object[] Loc, string Msg, object? Input);
