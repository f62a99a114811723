namespace Quetz.Host.Data;

/// <summary>Download counts per file, bucketed by hour, day, month and year.</summary>
internal sealed class AggregatedMetric
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string ChannelName { get; set; } = "";
    public string Platform { get; set; } = "";
    public string Filename { get; set; } = "";
    public string MetricName { get; set; } = "download";
    public string Period { get; set; } = "D";
    public int Count { get; set; }
    public DateTime Timestamp { get; set; }
}
