using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Quetz.Plugins.SqlAuthenticator;

/// <summary>The login page: quetz's plain form, posting user name and password to /auth/sql/authorize.</summary>
internal static class LoginForm
{
    public static IResult Page(string? error = null, int status = StatusCodes.Status200OK)
    {
        var message = error is null ? "" : $"<p role=\"alert\">{WebUtility.HtmlEncode(error)}</p>\n";
        var html = $"""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>Login</title></head><body><h1>Login Page</h1>
            {message}<form method="post" action="/auth/sql/authorize">
              <label>username:
                <input name="username" autocomplete="username">
              </label>
              <label>password:
                <input name="password" type="password" autocomplete="current-password">
              </label>
              <button>Submit</button>
            </form>
            </body></html>
            """;
        return Results.Content(html, "text/html", Encoding.UTF8, status);
    }
}
