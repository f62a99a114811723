namespace Quetz.Host.Data;

internal sealed class PackageMember
{
    public string ChannelName { get; set; } = "";
    public string PackageName { get; set; } = "";
    public Guid UserId { get; set; }
    public string Role { get; set; } = "";
    public User User { get; set; } = null!;
}
