namespace Quetz.Host.Data;

internal sealed class Package
{
    public string ChannelName { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string? Summary { get; set; }

    /// <summary>The package's channeldata.json entry, merged from every upload (JSON).</summary>
    public string? ChannelData { get; set; }

    public string? Url { get; set; }

    /// <summary>Subdirs joined by ':' as quetz stores them.</summary>
    public string? Platforms { get; set; }
}
