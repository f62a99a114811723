namespace Quetz.Host.Http;

/// <summary>Response bodies quetz's routes share.</summary>
internal static class QuetzResults
{
    /// <summary>
    /// The JSON body <c>null</c> that quetz's write routes answer with. <c>Results.Json(null)</c> cannot stand in:
    /// ASP.NET Core writes no body at all for a null value, and clients that parse the answer as JSON fail on that.
    /// </summary>
    public static IResult Null(int statusCode = StatusCodes.Status200OK) =>
        Results.Text("null", "application/json", statusCode: statusCode);
}
