namespace Quetz.Host.Data;

internal sealed class Job
{
    public int Id { get; set; }
    public DateTime Created { get; set; }
    public DateTime Updated { get; set; }
    public string Manifest { get; set; } = "";
    public Guid OwnerId { get; set; }
    public string? ItemsSpec { get; set; }
    public string Status { get; set; } = "pending";
    public string? ExtraArgs { get; set; }
    public DateTime? StartAt { get; set; }
    public int? RepeatEverySeconds { get; set; }
}
