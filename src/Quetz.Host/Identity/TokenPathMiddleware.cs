namespace Quetz.Host.Identity;

/// <summary>
/// Accepts the API key in the path as conda builds it: <c>/t/&lt;key&gt;/anything</c> (quetz's form) and
/// <c>/get/t/&lt;key&gt;/channel/…</c> (conda's form for channels under a base path; quetz#492). The key
/// segment is removed and sent on as <c>X-API-Key</c> unless the client sent that header itself.
/// </summary>
internal sealed class TokenPathMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (TrySplit(path, "/t/", out var key, out var rest))
        {
            Apply(context, key, rest);
        }
        else if (TrySplit(path, "/get/t/", out key, out rest))
        {
            Apply(context, key, "/get" + rest);
        }

        return next(context);
    }

    private static bool TrySplit(string path, string prefix, out string key, out string rest)
    {
        key = rest = "";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var end = path.IndexOf('/', prefix.Length);
        if (end <= prefix.Length)
        {
            return false;
        }

        key = path[prefix.Length..end];
        rest = path[end..];
        return true;
    }

    private static void Apply(HttpContext context, string key, string rest)
    {
        context.Request.Path = rest;
        if (string.IsNullOrEmpty(context.Request.Headers[ApiKeyCredential.Header]))
        {
            context.Request.Headers[ApiKeyCredential.Header] = key;
        }
    }
}
