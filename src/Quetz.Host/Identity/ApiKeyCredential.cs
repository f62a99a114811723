namespace Quetz.Host.Identity;

/// <summary>
/// Where clients put an API key: <c>X-API-Key</c> (quetz, quetz-client, rattler-build), the <c>/t/&lt;key&gt;/</c>
/// path prefix (conda, mamba; turned into the header by <see cref="TokenPathMiddleware"/>), and
/// <c>Authorization: Bearer &lt;key&gt;</c> or <c>Authorization: token &lt;key&gt;</c> (rattler, anaconda.org's form).
/// </summary>
internal static class ApiKeyCredential
{
    public const string Header = "X-API-Key";

    public static string? Find(HttpRequest request)
    {
        var header = request.Headers[Header].ToString();
        if (header.Length > 0)
        {
            return header;
        }

        var authorization = request.Headers.Authorization.ToString();
        foreach (var scheme in new[] { "Bearer ", "token " })
        {
            if (authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && authorization.Length > scheme.Length)
            {
                return authorization[scheme.Length..].Trim();
            }
        }

        return null;
    }
}
