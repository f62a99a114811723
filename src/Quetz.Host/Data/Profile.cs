namespace Quetz.Host.Data;

internal sealed class Profile
{
    public Guid UserId { get; set; }
    public string? Name { get; set; }
    public string AvatarUrl { get; set; } = "";
    public User User { get; set; } = null!;
}
