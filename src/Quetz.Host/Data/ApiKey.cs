namespace Quetz.Host.Data;

/// <summary>
/// An API key. The key itself is never stored: <see cref="LookupHash"/> finds it, and
/// <see cref="ProtectedKey"/> (encrypted with a key derived from the session secret, which lives outside
/// the database) lets its owner list it again.
/// </summary>
internal sealed class ApiKey
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string LookupHash { get; set; } = "";
    public string ProtectedKey { get; set; } = "";
    public string Description { get; set; } = "";
    public DateOnly TimeCreated { get; set; }
    public DateOnly? ExpireAt { get; set; }
    public bool Deleted { get; set; }
    public Guid UserId { get; set; }
    public Guid OwnerId { get; set; }
}
