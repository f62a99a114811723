using System.Text.Json.Nodes;
using Quetz.Abstractions.Indexing;
using Quetz.Conda.Repodata;

namespace Quetz.Host.Indexing;

/// <summary>The host's <see cref="SubdirRepodata"/>: a subdir's records as transformers see and change them during a build.</summary>
internal sealed class IndexedRepodata(
    string channel,
    string subdir,
    IReadOnlyDictionary<string, ReadOnlyMemory<byte>> packages,
    IReadOnlyDictionary<string, ReadOnlyMemory<byte>> condaPackages,
    IEnumerable<string> removed,
    JsonObject? extra) : SubdirRepodata
{
    private readonly LazyRecords _packages = new(packages);
    private readonly LazyRecords _condaPackages = new(condaPackages);

    public override string Channel { get; } = channel;

    public override string Subdir { get; } = subdir;

    public override IDictionary<string, RepodataRecord> Packages => _packages;

    public override IDictionary<string, RepodataRecord> CondaPackages => _condaPackages;

    public override ISet<string> Removed { get; } = new SortedSet<string>(removed, CodePointComparer.Instance);

    public override JsonObject Extra { get; } = extra?.DeepClone().AsObject() ?? [];

    /// <summary>The files transformers added, by plain file name.</summary>
    public Dictionary<string, ReadOnlyMemory<byte>> Files { get; } = new(StringComparer.Ordinal);

    public IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> SerializedPackages => _packages.Serialized();

    public IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> SerializedCondaPackages => _condaPackages.Serialized();

    /// <summary>File names whose records a transformer stored or removed.</summary>
    public IEnumerable<string> ChangedFiles => _packages.ChangedKeys.Concat(_condaPackages.ChangedKeys);

    /// <summary>A file's record as it will be published, from the section its extension names.</summary>
    public bool TryGetSerialized(string fileName, out ReadOnlyMemory<byte> record) =>
        (fileName.EndsWith(".conda", StringComparison.Ordinal) ? _condaPackages : _packages).TryGetSerialized(fileName, out record);

    /// <summary>The files transformers withdrew, by plain file name.</summary>
    public HashSet<string> WithdrawnFiles { get; } = new(StringComparer.Ordinal);

    public override void AddFile(string fileName, ReadOnlyMemory<byte> content)
    {
        CheckTransformerFileName(fileName);
        WithdrawnFiles.Remove(fileName);
        Files[fileName] = content;
    }

    public override void RemoveFile(string fileName)
    {
        CheckTransformerFileName(fileName);
        Files.Remove(fileName);
        WithdrawnFiles.Add(fileName);
    }

    private static void CheckTransformerFileName(string fileName)
    {
        if (string.IsNullOrEmpty(fileName) || fileName.Contains('/') || fileName.Contains('\\') || fileName is "." or ".."
            || fileName.StartsWith("repodata.json", StringComparison.Ordinal) || fileName.StartsWith("repodata_shards", StringComparison.Ordinal)
            || fileName == "index.html" || fileName.EndsWith(".conda", StringComparison.Ordinal) || fileName.EndsWith(".tar.bz2", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{fileName}' is not a file name a transformer may publish", nameof(fileName));
        }
    }

    public override Task WriteJsonAsync(Stream output, CancellationToken cancellationToken) =>
        RepodataWriter.WriteAsync(Subdir, SerializedPackages, SerializedCondaPackages, Removed, Extra.Count > 0 ? Extra : null, output, cancellationToken);

    /// <summary>Runs <paramref name="transformers"/> in their order.</summary>
    public async Task TransformAsync(IEnumerable<IRepodataTransformer> transformers, CancellationToken ct)
    {
        foreach (var transformer in transformers.OrderBy(t => t.Order))
        {
            await transformer.TransformAsync(this, ct);
        }
    }
}
