namespace Quetz.Abstractions.Identity;

/// <summary>
/// An extra condition on server roles (quetz's <c>check_additional_permissions</c>): called whenever a user's
/// server role is about to grant something. Register it as a scoped or singleton service.
/// </summary>
public interface IServerRoleCheck
{
    /// <summary>Null to let the user through, or the reason the user is refused, which the client gets with a 403.</summary>
    Task<string?> DenyAsync(QuetzUser user, CancellationToken cancellationToken);
}
