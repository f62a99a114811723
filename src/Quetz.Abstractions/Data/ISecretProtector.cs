namespace Quetz.Abstractions.Data;

/// <summary>
/// Encrypts small secrets a plugin keeps in its tables (private keys, tokens), so that a copy of the database alone
/// does not give them away. The key comes from the deployment's <c>[session] secret</c>, which is not in the
/// database and which every host of a deployment shares: any host reads what another protected. Changing that
/// secret makes what was protected under the old one unreadable. Provided by the host.
/// </summary>
/// <remarks>Added in contract version 1.1.</remarks>
public interface ISecretProtector
{
    /// <summary>
    /// Encrypts and authenticates <paramref name="plaintext"/> for <paramref name="purpose"/>, a constant naming what
    /// the secret is (for example <c>"myplugin signing key v1"</c>; names starting with <c>"quetz "</c> are the
    /// host's): text protected for one purpose never opens for another. Each call gives a different text.
    /// </summary>
    string Protect(string plaintext, string purpose);

    /// <summary>
    /// The plaintext, or null when <paramref name="protectedText"/> was not made by <see cref="Protect"/> for
    /// <paramref name="purpose"/> under this deployment's secret (altered, another purpose, or the secret changed).
    /// </summary>
    string? Unprotect(string protectedText, string purpose);
}
