using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Quetz.Abstractions.Data;
using Quetz.Host.Config;

namespace Quetz.Host.Identity;

/// <summary>
/// AES-256-GCM under a key derived (HKDF-SHA256) from <c>[session] secret</c> with the purpose as HKDF's info, so
/// each purpose has its own key. The text is base64 of nonce, tag and ciphertext.
/// </summary>
internal sealed class SecretProtector(IOptions<QuetzSessionOptions> session) : ISecretProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly ConcurrentDictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public string Protect(string plaintext, string purpose)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + TagSize + plain.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(KeyFor(purpose), TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize));
        return Convert.ToBase64String(output);
    }

    public string? Unprotect(string protectedText, string purpose)
    {
        try
        {
            var input = Convert.FromBase64String(protectedText);
            var plain = new byte[input.Length - NonceSize - TagSize];
            using var aes = new AesGcm(KeyFor(purpose), TagSize);
            aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize + TagSize), input.AsSpan(NonceSize, TagSize), plain);
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or OverflowException)
        {
            return null;
        }
    }

    private byte[] KeyFor(string purpose) => _keys.GetOrAdd(purpose, p =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(session.Value.Secret), 32, info: Encoding.UTF8.GetBytes(p)));
}
