namespace Quetz.Abstractions.Identity;

/// <summary>
/// The caller of the current HTTP request and quetz's permission rules, for a plugin's endpoints. Scoped to the
/// request; resolve it from the endpoint's services. Each <c>Require…</c> method throws
/// an exception the host answers with quetz's status and message (401 not logged in, 403 no permission,
/// 404 no such channel), so an endpoint reads top to bottom.
/// </summary>
public interface IQuetzAuthorization
{
    /// <summary>The logged-in user (session cookie or API key), or null for an anonymous caller.</summary>
    Task<QuetzUser?> GetUserAsync(CancellationToken cancellationToken);

    /// <summary>The logged-in user, or 401.</summary>
    Task<QuetzUser> RequireUserAsync(CancellationToken cancellationToken);

    /// <summary>
    /// 401 when anonymous, 403 unless the user's server role is one of <paramref name="roles"/> and every
    /// <see cref="IServerRoleCheck"/> lets it through.
    /// </summary>
    Task<QuetzUser> RequireServerRoleAsync(IReadOnlyCollection<string> roles, CancellationToken cancellationToken);

    /// <summary>
    /// 404 when the channel does not exist; for a private channel 401 when anonymous and 403 unless the caller is a
    /// member of it or a server owner or maintainer.
    /// </summary>
    Task RequireChannelReadAsync(string channel, CancellationToken cancellationToken);

    /// <summary>
    /// 404 when the channel does not exist, 401 when anonymous, 403 unless the caller has one of
    /// <paramref name="roles"/> in the channel (server owners and maintainers always pass).
    /// </summary>
    Task<QuetzUser> RequireChannelRoleAsync(string channel, IReadOnlyCollection<string> roles, CancellationToken cancellationToken);
}
