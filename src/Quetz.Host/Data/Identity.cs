namespace Quetz.Host.Data;

/// <summary>A login at an identity provider ("dummy", "github", "sql"…) linked to a user.</summary>
internal sealed class Identity
{
    public string Provider { get; set; } = "";
    public string IdentityId { get; set; } = "";
    public string Username { get; set; } = "";
    public Guid UserId { get; set; }
}
