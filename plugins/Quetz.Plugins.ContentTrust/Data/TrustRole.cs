namespace Quetz.Plugins.ContentTrust.Data;

/// <summary>
/// The current role file of one type (<c>root</c>, <c>key_mgr</c>, <c>pkg_mgr</c>) in a channel: what it says about
/// itself and the delegations it makes. The file itself lives in the channel's store.
/// </summary>
public sealed class TrustRole
{
    public Guid Id { get; set; }

    public required string Channel { get; set; }

    public required string Type { get; set; }

    public long Version { get; set; }

    public required string Timestamp { get; set; }

    public required string Expiration { get; set; }

    /// <summary>The delegation whose keys verified this file (for root, its own root delegation).</summary>
    public Guid? DelegatorId { get; set; }

    public DateTime TimeCreated { get; set; }

    public List<RoleDelegation> Delegations { get; set; } = [];
}
