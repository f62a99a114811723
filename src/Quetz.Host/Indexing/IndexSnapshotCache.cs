using System.Collections.Concurrent;
using Quetz.Conda.Archives;

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

/// <summary>
/// One subdir's records, file name to compact JSON, as of <see cref="Generation"/>, with what the shards need to be
/// rebuilt incrementally. Mutated only under the subdir's index lock.
/// </summary>
internal sealed class IndexSnapshot(Guid epoch, long generation)
{
    public Guid Epoch { get; } = epoch;
    public long Generation { get; set; } = generation;
    public SortedDictionary<string, ReadOnlyMemory<byte>> Packages { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, ReadOnlyMemory<byte>> CondaPackages { get; } = new(StringComparer.Ordinal);

    /// <summary>Package name → its file names.</summary>
    public Dictionary<string, SortedSet<string>> FilesByName { get; } = new(StringComparer.Ordinal);

    /// <summary>Package names whose files changed since the shards were last published.</summary>
    public HashSet<string> DirtyNames { get; } = new(StringComparer.Ordinal);

    /// <summary>The published shard index: package name → SHA-256 of its shard; null until shards are published.</summary>
    public Dictionary<string, byte[]>? Shards { get; set; }

    /// <summary>Package name → digest of the records its published shard was made from.</summary>
    public Dictionary<string, byte[]> ShardInputs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Names whose records transformers changed in the last build: their shards are rebuilt in the next one too.</summary>
    public HashSet<string> TransformedNames { get; set; } = new(StringComparer.Ordinal);

    public void Put(string filename, ReadOnlyMemory<byte> record)
    {
        Remove(filename);
        (filename.EndsWith(".conda", StringComparison.Ordinal) ? CondaPackages : Packages)[filename] = record;
        var name = PackageNameOf(filename);
        if (!FilesByName.TryGetValue(name, out var files))
        {
            FilesByName[name] = files = new SortedSet<string>(StringComparer.Ordinal);
        }

        files.Add(filename);
        DirtyNames.Add(name);
    }

    public void Remove(string filename)
    {
        if (!Packages.Remove(filename) && !CondaPackages.Remove(filename))
        {
            return;
        }

        var name = PackageNameOf(filename);
        if (FilesByName.TryGetValue(name, out var files) && files.Remove(filename) && files.Count == 0)
        {
            FilesByName.Remove(name);
        }

        DirtyNames.Add(name);
    }

    /// <summary>The package name a file name starts with; uploads guarantee it matches the record's name.</summary>
    public static string PackageNameOf(string filename) =>
        PackageFileName.TryParse(filename, out var parsed) ? parsed.Name : filename;
}
