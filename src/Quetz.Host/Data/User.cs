namespace Quetz.Host.Data;

/// <summary>A person, or the anonymous holder of a scoped API key (no username, no profile).</summary>
internal sealed class User
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string? Username { get; set; }
    public string? Role { get; set; }
    public Profile? Profile { get; set; }
    public List<Identity> Identities { get; set; } = [];
}
