using System.Text;
using Microsoft.AspNetCore.Http;

namespace Quetz.Plugins.TermsOfService;

/// <summary>The JSON body <c>null</c> quetz answers with; <c>Results.Json(null)</c> would send no body at all.</summary>
internal static class JsonNull
{
    public static readonly IResult Created = Results.Text("null", "application/json", Encoding.UTF8, StatusCodes.Status201Created);
}
