using System.Text.RegularExpressions;
using Quetz.Host.Http;

namespace Quetz.Host.Users;

/// <summary>The <c>{"username", "role"}</c> body of the member routes.</summary>
internal static partial class MemberInput
{
    public static async Task<(string Username, string Role)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync(request, ct);
        var username = body.RequiredString("username");
        var role = body.RequiredString("role", pattern: RolePattern());
        return (username, role);
    }

    [GeneratedRegex("^(owner|maintainer|member)$")]
    public static partial Regex RolePattern();
}
