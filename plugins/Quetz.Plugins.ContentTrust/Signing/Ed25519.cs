using System.Security.Cryptography;
using NSec.Cryptography;

namespace Quetz.Plugins.ContentTrust.Signing;

/// <summary>
/// ed25519 as conda-content-trust and libmamba use it: keys and signatures as lower-case hex, the private key as its
/// 32-byte seed.
/// </summary>
internal static class Ed25519
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    /// <summary>A new key pair: the public key and the private seed, both hex.</summary>
    public static (string PublicKey, string PrivateKey) Generate()
    {
        using var key = Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var seed = key.Export(KeyBlobFormat.RawPrivateKey);
        try
        {
            return (Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)), Convert.ToHexStringLower(seed));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>Imports a private seed (hex) for signing many messages.</summary>
    public static Key Import(string privateKeyHex)
    {
        var seed = Convert.FromHexString(privateKeyHex);
        try
        {
            return Key.Import(Algorithm, seed, KeyBlobFormat.RawPrivateKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>The signature of <paramref name="data"/>, hex.</summary>
    public static string Sign(Key key, ReadOnlySpan<byte> data) => Convert.ToHexStringLower(Algorithm.Sign(key, data));

    /// <summary>True when <paramref name="signatureHex"/> is the signature of <paramref name="data"/> by <paramref name="publicKeyHex"/>.</summary>
    public static bool Verify(string publicKeyHex, ReadOnlySpan<byte> data, string signatureHex)
    {
        if (!Hex.IsKey(publicKeyHex) || !Hex.IsSignature(signatureHex)
            || !PublicKey.TryImport(Algorithm, Convert.FromHexString(publicKeyHex), KeyBlobFormat.RawPublicKey, out var publicKey))
        {
            return false;
        }

        return Algorithm.Verify(publicKey!, data, Convert.FromHexString(signatureHex));
    }
}
