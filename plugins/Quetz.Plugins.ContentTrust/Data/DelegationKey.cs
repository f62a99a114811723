namespace Quetz.Plugins.ContentTrust.Data;

/// <summary>One public key of a delegation.</summary>
public sealed class DelegationKey
{
    public Guid DelegationId { get; set; }

    public required string PublicKey { get; set; }
}
