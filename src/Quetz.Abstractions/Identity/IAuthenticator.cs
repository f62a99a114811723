namespace Quetz.Abstractions.Identity;

/// <summary>
/// A way to log in (GitHub, OpenID Connect, a password form). The plugin maps its own login routes and, once it
/// has verified who the person is, calls <see cref="ISignIn.SignInAsync"/>. The host lists every registered
/// authenticator on its landing page and in <c>GET /api/plugins</c>.
/// </summary>
public interface IAuthenticator
{
    /// <summary>The provider name stored with the identities it creates, for example <c>sql</c> or <c>github</c>.</summary>
    string Provider { get; }

    /// <summary>What a person sees on the login link.</summary>
    string DisplayName { get; }

    /// <summary>Where the login starts, for example <c>/auth/sql/login</c>.</summary>
    string LoginPath { get; }
}
