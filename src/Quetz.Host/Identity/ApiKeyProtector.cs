using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Quetz.Host.Config;

namespace Quetz.Host.Identity;

/// <summary>
/// Keeps API keys out of the database in usable form: a SHA-256 lookup hash finds a key, and an AES-GCM
/// encryption under a key derived from <c>[session] secret</c> (which is not in the database) lets its
/// owner list it again, as quetz's documented workflow expects.
/// </summary>
internal sealed class ApiKeyProtector
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _encryptionKey;

    public ApiKeyProtector(IOptions<QuetzSessionOptions> session)
    {
        _encryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(session.Value.Secret), 32,
            info: Encoding.UTF8.GetBytes("quetz api-key encryption v1"));
    }

    /// <summary>A fresh key: 32 characters from [A-Za-z0-9], safe in a URL path (<c>/t/&lt;key&gt;/</c>).</summary>
    public static string NewKey() => RandomNumberGenerator.GetString(Alphabet, 32);

    public static string LookupHash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public string Protect(string key)
    {
        var plain = Encoding.UTF8.GetBytes(key);
        var output = new byte[NonceSize + TagSize + plain.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_encryptionKey, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize));
        return Convert.ToBase64String(output);
    }

    /// <summary>The key, or null when it was protected under another secret (the secret was rotated).</summary>
    public string? Unprotect(string protectedKey)
    {
        try
        {
            var input = Convert.FromBase64String(protectedKey);
            var plain = new byte[input.Length - NonceSize - TagSize];
            using var aes = new AesGcm(_encryptionKey, TagSize);
            aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize + TagSize), input.AsSpan(NonceSize, TagSize), plain);
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or OverflowException)
        {
            return null;
        }
    }
}
