namespace Quetz.Host.ApiKeys;

/// <summary>A role a scoped key carries: on a channel, or on one package of it.</summary>
internal sealed record CpRole(string Channel, string? Package, string Role);

internal sealed record ApiKeyResponse(string Description, DateOnly TimeCreated, DateOnly? ExpireAt, List<CpRole>? Roles, string Key);

/// <summary>The documented body of POST /api/api-keys; <c>roles: []</c> makes a key with all the creator's rights.</summary>
internal sealed record ApiKeyBody(string Description, DateOnly? ExpireAt, List<CpRole>? Roles);
