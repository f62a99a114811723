namespace Quetz.Plugins.ContentTrust.Roles;

/// <summary>Who may sign a role: any <see cref="Threshold"/> of <see cref="PublicKeys"/>.</summary>
internal sealed record Delegation(IReadOnlyList<string> PublicKeys, int Threshold)
{
    /// <summary>The recorded delegation's id, for one read from the database.</summary>
    public Guid? Id { get; init; }
}
