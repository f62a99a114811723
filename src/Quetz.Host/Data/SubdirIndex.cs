namespace Quetz.Host.Data;

/// <summary>
/// The index state of one channel subdir: <see cref="Generation"/> grows with every change to its packages,
/// <see cref="PublishedGeneration"/> is the generation its published repodata reflects. A subdir whose published
/// generation lags is stale and gets indexed (also at start, so a restart loses no work).
/// </summary>
internal sealed class SubdirIndex
{
    public string ChannelName { get; set; } = "";
    public string Subdir { get; set; } = "";
    public long Generation { get; set; }
    public long PublishedGeneration { get; set; }

    /// <summary>Identifies this incarnation of the subdir: a channel deleted and created again starts a new epoch,
    /// so no host mistakes its cached records for the new channel's.</summary>
    public Guid Epoch { get; set; } = Guid.NewGuid();
}
