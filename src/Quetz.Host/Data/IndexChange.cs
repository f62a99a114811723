namespace Quetz.Host.Data;

/// <summary>
/// One change to a subdir's package set (a file added, replaced or removed) at a generation. The indexer applies
/// the changes since its last build instead of reloading every record of the subdir.
/// </summary>
internal sealed class IndexChange
{
    public long Id { get; set; }
    public string ChannelName { get; set; } = "";
    public string Subdir { get; set; } = "";
    public long Generation { get; set; }
    public string Filename { get; set; } = "";
}
