namespace Quetz.Plugins.SqlAuthenticator.Data;

/// <summary>A login name and the derived key of its password (the <c>credentials</c> table of quetz-sql-authenticator).</summary>
internal sealed class Credential
{
    public required string Username { get; set; }

    /// <summary>A <see cref="PasswordHash"/> string, never the password.</summary>
    public required string PasswordHash { get; set; }
}
