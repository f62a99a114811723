namespace Quetz.Host.Data;

internal sealed class ChannelMirror
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string ChannelName { get; set; } = "";
    public string Url { get; set; } = "";
    public string ApiEndpoint { get; set; } = "";
    public string MetricsEndpoint { get; set; } = "";
    public DateTime? LastSynchronised { get; set; }
}
