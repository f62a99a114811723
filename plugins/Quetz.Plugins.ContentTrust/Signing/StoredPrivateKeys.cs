using Quetz.Abstractions.Data;

namespace Quetz.Plugins.ContentTrust.Signing;

/// <summary>
/// How a generated key's private seed is kept in <c>signing_keys.private_key</c>: encrypted by the host's
/// <see cref="ISecretProtector"/>. Rows quetz wrote hold the seed as plain hex, and are still read.
/// </summary>
internal static class StoredPrivateKeys
{
    private const string Purpose = "content_trust signing key v1";

    public static string Seal(ISecretProtector protector, string seedHex) => protector.Protect(seedHex, Purpose);

    /// <summary>The seed in hex, or null when it was sealed under another <c>[session] secret</c>.</summary>
    public static string? Open(ISecretProtector protector, string stored) =>
        IsPlainSeed(stored) ? stored : protector.Unprotect(stored, Purpose);

    private static bool IsPlainSeed(string stored) => stored.Length == 64 && stored.All(Uri.IsHexDigit);
}
