using System.Security.Cryptography;
using System.Text;

namespace Quetz.Host.Identity;

/// <summary>
/// Keeps API keys out of the database in usable form: a SHA-256 lookup hash finds a key, and an AES-GCM
/// encryption under a key derived from <c>[session] secret</c> (which is not in the database) lets its
/// owner list it again, as quetz's documented workflow expects.
/// </summary>
internal sealed class ApiKeyProtector(SecretProtector secrets)
{
    /// <summary>The purpose API keys have always been sealed for, so keys stored before plugins shared the protector still open.</summary>
    private const string Purpose = "quetz api-key encryption v1";
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A fresh key: 32 characters from [A-Za-z0-9], safe in a URL path (<c>/t/&lt;key&gt;/</c>).</summary>
    public static string NewKey() => RandomNumberGenerator.GetString(Alphabet, 32);

    public static string LookupHash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public string Protect(string key) => secrets.Protect(key, Purpose);

    /// <summary>The key, or null when it was protected under another secret (the secret was rotated).</summary>
    public string? Unprotect(string protectedKey) => secrets.Unprotect(protectedKey, Purpose);
}
