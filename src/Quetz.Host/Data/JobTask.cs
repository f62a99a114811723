namespace Quetz.Host.Data;

internal sealed class JobTask
{
    public int Id { get; set; }
    public DateTime Created { get; set; }
    public DateTime Updated { get; set; }
    public string Status { get; set; } = "created";
    public int JobId { get; set; }
    public Guid? PackageVersionId { get; set; }
}
