using System.Collections.Concurrent;

namespace Quetz.Host.Indexing;

/// <summary>
/// The serialised records of each subdir this host indexed last, so the next build applies only the changes
/// since then. Keyed by the subdir's epoch and tagged with its generation, so an entry is never trusted for
/// another incarnation of the channel or past changes it has not seen; another host simply starts with a full load.
/// </summary>
internal sealed class IndexSnapshotCache
{
    private readonly ConcurrentDictionary<(string Channel, string Subdir), IndexSnapshot> _snapshots = new();

    public IndexSnapshot? Get(string channel, string subdir, Guid epoch, long generation) =>
        _snapshots.TryGetValue((channel, subdir), out var s) && s.Epoch == epoch && s.Generation <= generation ? s : null;

    public void Set(string channel, string subdir, IndexSnapshot snapshot) => _snapshots[(channel, subdir)] = snapshot;

    public void ForgetChannel(string channel)
    {
        foreach (var key in _snapshots.Keys.Where(k => k.Channel == channel))
        {
            _snapshots.TryRemove(key, out _);
        }
    }
}

/// <summary>One subdir's records, file name to compact JSON, as of <see cref="Generation"/>. Mutated only under the subdir's index lock.</summary>
internal sealed class IndexSnapshot(Guid epoch, long generation)
{
    public Guid Epoch { get; } = epoch;
    public long Generation { get; set; } = generation;
    public SortedDictionary<string, ReadOnlyMemory<byte>> Packages { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, ReadOnlyMemory<byte>> CondaPackages { get; } = new(StringComparer.Ordinal);

    public void Put(string filename, ReadOnlyMemory<byte> record)
    {
        Remove(filename);
        (filename.EndsWith(".conda", StringComparison.Ordinal) ? CondaPackages : Packages)[filename] = record;
    }

    public void Remove(string filename)
    {
        Packages.Remove(filename);
        CondaPackages.Remove(filename);
    }
}
