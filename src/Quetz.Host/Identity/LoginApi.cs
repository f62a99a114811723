using Microsoft.EntityFrameworkCore;
using Quetz.Host.Data;
using Quetz.Host.Http;

namespace Quetz.Host.Identity;

internal static class LoginApi
{
    public const string DummyProvider = "dummy";

    public static void MapLoginApi(this IEndpointRouteBuilder app, bool devLogin)
    {
        app.MapMethods("/auth/logout", ["GET", "HEAD"], Logout).WithTags("login")
            .WithSummary("Ends the session and goes back to /.").Produces(StatusCodes.Status307TemporaryRedirect);
        if (devLogin)
        {
            app.MapGet("/api/dummylogin/{username}", DummyLoginAsync).WithTags("login")
                .WithSummary("Development only: log in as any existing user.")
                .Produces(StatusCodes.Status307TemporaryRedirect).ProducesError(404);
        }
    }

    private static IResult Logout(HttpResponse response)
    {
        SessionCookie.SignOut(response);
        return Results.Redirect("/", permanent: false, preserveMethod: true);
    }

    private static async Task<IResult> DummyLoginAsync(string username, HttpResponse response, QuetzDbContext db, SessionCookie session, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Username == username, ct)
            ?? throw ApiException.NotFound($"User '{username}' not found");
        session.SignIn(response, user.Id, DummyProvider);
        return Results.Redirect("/", permanent: false, preserveMethod: true);
    }
}
