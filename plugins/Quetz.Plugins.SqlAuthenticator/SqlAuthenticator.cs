using Quetz.Abstractions.Identity;

namespace Quetz.Plugins.SqlAuthenticator;

/// <summary>Logging in with a user name and a password kept in the <c>credentials</c> table.</summary>
internal sealed class SqlAuthenticator : IAuthenticator
{
    public const string ProviderName = "sql";

    public string Provider => ProviderName;

    public string DisplayName => "Username and password";

    public string LoginPath => "/auth/sql/login";
}
