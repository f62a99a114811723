namespace Quetz.Abstractions.Identity;

/// <summary>A person as an authenticator verified them.</summary>
/// <param name="Provider">The authenticator's <see cref="IAuthenticator.Provider"/>.</param>
/// <param name="Id">The person's stable id at the provider.</param>
/// <param name="Username">The user name wanted in Quetz; the host keeps an existing user's name.</param>
/// <param name="Name">The display name, if known.</param>
/// <param name="AvatarUrl">A picture, if known.</param>
public sealed record ExternalIdentity(string Provider, string Id, string Username, string? Name = null, string? AvatarUrl = null);
