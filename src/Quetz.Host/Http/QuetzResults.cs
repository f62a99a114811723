using System.Text;

namespace Quetz.Host.Http;

/// <summary>Responses quetz gives that ASP.NET has no helper for.</summary>
internal static class QuetzResults
{
    private static readonly IResult Ok = Results.Text("null", "application/json", Encoding.UTF8);
    private static readonly IResult Created = Results.Text("null", "application/json", Encoding.UTF8, StatusCodes.Status201Created);

    /// <summary>
    /// The JSON body <c>null</c> that quetz's writes answer with (Results.Json(null) would send no body at all).
    /// </summary>
    public static IResult Null(int status = StatusCodes.Status200OK) => status switch
    {
        StatusCodes.Status200OK => Ok,
        StatusCodes.Status201Created => Created,
        _ => Results.Text("null", "application/json", Encoding.UTF8, status),
    };
}
