using Microsoft.AspNetCore.Http;

namespace Quetz.Abstractions.Identity;

/// <summary>Turns a verified <see cref="ExternalIdentity"/> into a Quetz session. Provided by the host.</summary>
public interface ISignIn
{
    /// <summary>
    /// Finds the user linked to <paramref name="identity"/> or creates one (with the server role the deployment's
    /// <c>[users]</c> settings give it) and sets the session cookie on <paramref name="context"/>'s response.
    /// </summary>
    Task<QuetzUser> SignInAsync(HttpContext context, ExternalIdentity identity, CancellationToken cancellationToken);
}
