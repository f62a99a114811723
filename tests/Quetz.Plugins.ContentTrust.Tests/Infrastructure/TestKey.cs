using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace Quetz.Plugins.ContentTrust.Tests.Infrastructure;

/// <summary>An ed25519 key made in the test with BouncyCastle, an implementation the plugin does not use.</summary>
public sealed class TestKey
{
    private readonly Ed25519PrivateKeyParameters _private;

    private TestKey(Ed25519PrivateKeyParameters key)
    {
        _private = key;
        PublicKey = Convert.ToHexStringLower(key.GeneratePublicKey().GetEncoded());
    }

    /// <summary>The public key, lower-case hex, as role files name keys.</summary>
    public string PublicKey { get; }

    /// <summary>The private seed, lower-case hex (libmamba's private key format, and how quetz stored it).</summary>
    public string SeedHex => Convert.ToHexStringLower(_private.GetEncoded());

    public static TestKey Generate()
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        return new TestKey((Ed25519PrivateKeyParameters)generator.GenerateKeyPair().Private);
    }

    /// <summary>The key whose private seed is <paramref name="seedHex"/> (libmamba's private key format).</summary>
    public static TestKey FromSeed(string seedHex) => new(new Ed25519PrivateKeyParameters(Convert.FromHexString(seedHex), 0));

    public string Sign(byte[] data)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _private);
        signer.BlockUpdate(data, 0, data.Length);
        return Convert.ToHexStringLower(signer.GenerateSignature());
    }
}
