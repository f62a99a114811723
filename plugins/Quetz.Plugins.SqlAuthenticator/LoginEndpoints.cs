using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Quetz.Abstractions.Identity;
using Quetz.Plugins.SqlAuthenticator.Data;

namespace Quetz.Plugins.SqlAuthenticator;

/// <summary>
/// quetz's form login for the <c>sql</c> provider: GET /auth/sql/login shows the form, POST /auth/sql/authorize checks
/// it and, on success, lets the host start the session and goes to "/" (303, as quetz). A wrong user name and a
/// wrong password get the same answer and take the same time; a form posted from another site is refused (403)
/// before it counts as an attempt.
/// </summary>
internal static class LoginEndpoints
{
    private const string Failed = "Invalid username or password.";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/auth/sql/login", () => LoginForm.Page()).WithTags("sqlauth");
        routes.MapGet("/auth/sql/enabled", () => true).WithTags("sqlauth");
        routes.MapPost("/auth/sql/authorize", AuthorizeAsync).WithTags("sqlauth").DisableAntiforgery();
    }

    private static async Task<IResult> AuthorizeAsync(
        HttpContext context, SqlAuthDbContext db, LoginThrottle throttle, ISignIn signIn, CancellationToken ct)
    {
        if (CrossSiteRequests.IsCrossSite(context.Request))
        {
            return LoginForm.Page("This login form was sent from another site; log in from this server's own page.", StatusCodes.Status403Forbidden);
        }

        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(ct) : null;
        var username = form?["username"].ToString() ?? "";
        var password = form?["password"].ToString() ?? "";
        if (username.Length == 0 || password.Length == 0 || !Usernames.IsValid(username))
        {
            return LoginForm.Page("Enter your username and password.", StatusCodes.Status400BadRequest);
        }

        var (attempt, retryAfter) = await throttle.BeginAsync(username, context.Connection.RemoteIpAddress, ct);
        if (retryAfter is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return LoginForm.Page($"Too many failed logins; try again in {seconds} seconds.", StatusCodes.Status429TooManyRequests);
        }

        var credential = await db.Credentials.FirstOrDefaultAsync(c => c.Username == username, ct);
        bool outdated;
        if (credential is null)
        {
            PasswordHash.VerifyDecoy(password);
            return LoginForm.Page(Failed, StatusCodes.Status401Unauthorized);
        }

        if (!PasswordHash.Verify(password, credential.PasswordHash, out outdated))
        {
            return LoginForm.Page(Failed, StatusCodes.Status401Unauthorized);
        }

        if (outdated)
        {
            credential.PasswordHash = PasswordHash.Hash(password);
            await db.SaveChangesAsync(ct);
        }

        await throttle.SucceededAsync(attempt, username, ct);
        await signIn.SignInAsync(context, new ExternalIdentity(SqlAuthenticator.ProviderName, username, username), ct);
        context.Response.Headers.Location = "/";
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }
}
