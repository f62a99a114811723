namespace Quetz.Host.Users;

internal sealed record ProfileResponse(string? Name, string AvatarUrl);

/// <summary>quetz's User: exactly id, username, profile (quetz-client builds a dataclass from it).</summary>
internal sealed record UserResponse(Guid Id, string Username, ProfileResponse Profile);

internal sealed record MeResponse(string? Name, string AvatarUrl, MeUser User);

internal sealed record MeUser(Guid Id, string? Username);

internal sealed record MemberResponse(string Role, UserResponse User);

internal sealed record UserRoleResponse(string? Role);

internal sealed record UserRoleBody(string? Role);

internal sealed record PostMemberBody(string Username, string Role);
