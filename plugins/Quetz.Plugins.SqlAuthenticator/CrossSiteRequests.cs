using Microsoft.AspNetCore.Http;

namespace Quetz.Plugins.SqlAuthenticator;

/// <summary>
/// Tells a login form posted from another site (login CSRF: a page elsewhere logs the visitor into the attacker's
/// account, and what the visitor then uploads lands there). Browsers say where a POST comes from in
/// <c>Sec-Fetch-Site</c> and <c>Origin</c>; a request with neither (a script, an old browser) is let through, as
/// quetz's form takes it, since only a browser carries a victim there.
/// </summary>
internal static class CrossSiteRequests
{
    public static bool IsCrossSite(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0)
        {
            // "same-site" is a sibling host (another subdomain), which may belong to someone else.
            return fetchSite is not ("same-origin" or "none");
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }

        // Only the host and port are compared: behind a TLS-terminating proxy the request's own scheme is http. A proxy
        // must pass the Host the browser used, which the session cookie and redirects need as well.
        return !Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
