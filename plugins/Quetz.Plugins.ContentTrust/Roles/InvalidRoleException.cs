namespace Quetz.Plugins.ContentTrust.Roles;

/// <summary>A role file that is malformed, badly signed or expired; the client gets 400 "Invalid role definition".</summary>
internal sealed class InvalidRoleException(string reason) : Exception(reason);
