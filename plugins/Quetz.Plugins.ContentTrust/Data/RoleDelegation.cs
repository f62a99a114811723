namespace Quetz.Plugins.ContentTrust.Data;

/// <summary>A role file's grant: which keys, and how many of them, may sign the role named <see cref="Type"/>.</summary>
public sealed class RoleDelegation
{
    public Guid Id { get; set; }

    /// <summary>The role file that makes this delegation; removing it removes its delegations.</summary>
    public Guid IssuerId { get; set; }

    public required string Channel { get; set; }

    public required string Type { get; set; }

    public int Threshold { get; set; }

    public DateTime TimeCreated { get; set; }

    public List<DelegationKey> Keys { get; set; } = [];
}
