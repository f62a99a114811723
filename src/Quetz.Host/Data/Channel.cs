namespace Quetz.Host.Data;

internal sealed class Channel
{
    /// <summary>The name as created; storage paths and responses keep its case.</summary>
    public string Name { get; set; } = "";

    /// <summary>Lower-cased name: lookups and uniqueness are case-insensitive on every database.</summary>
    public string NormalizedName { get; set; } = "";

    public string? Description { get; set; }
    public bool Private { get; set; }
    public string? MirrorChannelUrl { get; set; }
    public string? MirrorMode { get; set; }
    public string Metadata { get; set; } = "{}";
    public long Size { get; set; }
    public long? SizeLimit { get; set; }
    public int Ttl { get; set; } = 36000;

    public static string Normalize(string name) => name.ToLowerInvariant();
}
