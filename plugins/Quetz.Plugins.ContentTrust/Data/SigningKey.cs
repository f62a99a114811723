namespace Quetz.Plugins.ContentTrust.Data;

/// <summary>
/// An ed25519 key known to the server: every key a role file names, and the keys users had generated here, whose
/// private half the server keeps to sign repodata once a channel delegates <c>pkg_mgr</c> to it. The private key is
/// never listed; it leaves the server only in the answer that created it, when asked for.
/// </summary>
public sealed class SigningKey
{
    /// <summary>The public key, 64 lower-case hex characters.</summary>
    public required string PublicKey { get; set; }

    /// <summary>
    /// The 32-byte private seed of a key generated here, sealed by <see cref="Signing.StoredPrivateKeys"/> (plain hex in
    /// rows quetz wrote); null for keys only named in role files.
    /// </summary>
    public string? PrivateKey { get; set; }

    /// <summary>Who generated it.</summary>
    public Guid? UserId { get; set; }

    public DateTime TimeCreated { get; set; }
}
