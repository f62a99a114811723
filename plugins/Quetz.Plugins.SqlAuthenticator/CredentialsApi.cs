using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Quetz.Abstractions.Http;
using Quetz.Abstractions.Identity;
using Quetz.Plugins.SqlAuthenticator.Data;

namespace Quetz.Plugins.SqlAuthenticator;

/// <summary>
/// quetz-sql-authenticator's credentials API, for server owners and maintainers; every answer is the user name as
/// a JSON string. The password comes as quetz takes it, <c>?password=</c>, or as a form field <c>password</c>,
/// which keeps it out of access logs.
/// </summary>
internal static class CredentialsApi
{
    private static readonly string[] Admins = [QuetzRoles.Owner, QuetzRoles.Maintainer];
    private static readonly object PasswordRequired =
        new { detail = new[] { new { type = "missing", loc = new[] { "query", "password" }, msg = "Field required" } } };

    public static void Map(IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/sqlauth/credentials").WithTags("sqlauth");
        api.MapGet("", ListAsync);
        api.MapGet("/{username}", GetAsync);
        api.MapPost("/{username}", CreateAsync).DisableAntiforgery();
        api.MapPut("/{username}", UpdateAsync).DisableAntiforgery();
        api.MapDelete("/{username}", DeleteAsync);
    }

    private static async Task<IResult> ListAsync(IQuetzAuthorization auth, SqlAuthDbContext db, CancellationToken ct)
    {
        await auth.RequireServerRoleAsync(Admins, ct);
        return Results.Json(await db.Credentials.AsNoTracking().OrderBy(c => c.Username).Select(c => c.Username).ToListAsync(ct));
    }

    private static async Task<IResult> GetAsync(string username, IQuetzAuthorization auth, SqlAuthDbContext db, CancellationToken ct)
    {
        await auth.RequireServerRoleAsync(Admins, ct);
        await FindAsync(db, username, ct);
        return Results.Json(username);
    }

    private static async Task<IResult> CreateAsync(
        string username, HttpRequest request, IQuetzAuthorization auth, SqlAuthDbContext db, CancellationToken ct)
    {
        await auth.RequireServerRoleAsync(Admins, ct);
        if (!Usernames.IsValid(username))
        {
            throw new QuetzHttpException(StatusCodes.Status422UnprocessableEntity,
                $"a username has 1 to {Usernames.MaxLength} characters, no control characters and no surrounding spaces");
        }

        if (await PasswordAsync(request, ct) is not { } password)
        {
            return MissingPassword();
        }

        if (await db.Credentials.AnyAsync(c => c.Username == username, ct))
        {
            throw Exists(username);
        }

        db.Credentials.Add(new Credential { Username = username, PasswordHash = PasswordHash.Hash(password) });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Created by a concurrent request between the check and the insert.
            throw Exists(username);
        }

        return Results.Json(username);
    }

    private static async Task<IResult> UpdateAsync(
        string username, HttpRequest request, IQuetzAuthorization auth, SqlAuthDbContext db, LoginThrottle throttle, CancellationToken ct)
    {
        await auth.RequireServerRoleAsync(Admins, ct);
        if (await PasswordAsync(request, ct) is not { } password)
        {
            return MissingPassword();
        }

        var credential = await FindAsync(db, username, ct);
        credential.PasswordHash = PasswordHash.Hash(password);
        await db.SaveChangesAsync(ct);
        await throttle.ForgetUserAsync(username, ct);
        return Results.Json(username);
    }

    private static async Task<IResult> DeleteAsync(
        string username, IQuetzAuthorization auth, SqlAuthDbContext db, LoginThrottle throttle, CancellationToken ct)
    {
        await auth.RequireServerRoleAsync(Admins, ct);
        db.Credentials.Remove(await FindAsync(db, username, ct));
        await db.SaveChangesAsync(ct);
        await throttle.ForgetUserAsync(username, ct);
        return Results.Json(username);
    }

    private static async Task<Credential> FindAsync(SqlAuthDbContext db, string username, CancellationToken ct) =>
        await db.Credentials.FirstOrDefaultAsync(c => c.Username == username, ct)
        ?? throw new QuetzHttpException(StatusCodes.Status404NotFound, $"User {username} not found");

    /// <summary>The non-empty password from the query (quetz's way) or the form body, or null.</summary>
    private static async Task<string?> PasswordAsync(HttpRequest request, CancellationToken ct)
    {
        string? password = request.Query["password"];
        if (string.IsNullOrEmpty(password) && request.HasFormContentType)
        {
            password = (await request.ReadFormAsync(ct))["password"];
        }

        return string.IsNullOrEmpty(password) ? null : password;
    }

    private static QuetzHttpException Exists(string username) => new(StatusCodes.Status409Conflict, $"User {username} already exists");

    /// <summary>FastAPI's answer to the missing required <c>password</c> query parameter.</summary>
    private static IResult MissingPassword() => Results.Json(PasswordRequired, statusCode: StatusCodes.Status422UnprocessableEntity);
}
