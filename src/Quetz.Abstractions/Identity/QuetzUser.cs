namespace Quetz.Abstractions.Identity;

/// <summary>A Quetz user as a plugin sees it.</summary>
/// <param name="Id">The user's id.</param>
/// <param name="Username">The unique user name.</param>
/// <param name="ServerRole">"owner", "maintainer", "member" (see <see cref="QuetzRoles"/>) or null.</param>
public sealed record QuetzUser(Guid Id, string Username, string? ServerRole);
