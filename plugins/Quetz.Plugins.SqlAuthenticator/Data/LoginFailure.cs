namespace Quetz.Plugins.SqlAuthenticator.Data;

/// <summary>
/// One failed (or still running) login, counted against a user name or a client address. Kept in the database so
/// that every host behind a load balancer counts the same failures.
/// </summary>
internal sealed class LoginFailure
{
    public long Id { get; set; }

    /// <summary><see cref="LoginScopes.User"/> or <see cref="LoginScopes.Address"/>.</summary>
    public required string Scope { get; set; }

    /// <summary>The user name, or the client address (an IPv6 client's /64 network).</summary>
    public required string Key { get; set; }

    /// <summary>Identifies the rows of one attempt, so a success removes its own rows.</summary>
    public Guid AttemptId { get; set; }

    public DateTime TimeFailed { get; set; }
}

/// <summary>What a <see cref="LoginFailure"/> is counted against.</summary>
internal static class LoginScopes
{
    public const string User = "user";
    public const string Address = "address";
}
