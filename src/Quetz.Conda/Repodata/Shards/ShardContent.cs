using System.Text.Json.Nodes;

namespace Quetz.Conda.Repodata.Shards;

/// <summary>
/// A shard as <see cref="ShardReader"/> reads it, with each record back in its <c>repodata.json</c>
/// form: <c>md5</c> and <c>sha256</c> as lower-case hex strings.
/// </summary>
public sealed class ShardContent
{
    internal ShardContent(IReadOnlyDictionary<string, JsonObject> packages, IReadOnlyDictionary<string, JsonObject> condaPackages, IReadOnlyList<string> removed)
    {
        Packages = packages;
        CondaPackages = condaPackages;
        Removed = removed;
    }

    /// <summary>The <c>.tar.bz2</c> records (<c>packages</c>) by file name.</summary>
    public IReadOnlyDictionary<string, JsonObject> Packages { get; }

    /// <summary>The <c>.conda</c> records (<c>packages.conda</c>) by file name; empty when the key is missing.</summary>
    public IReadOnlyDictionary<string, JsonObject> CondaPackages { get; }

    /// <summary>The removed file names (<c>removed</c>), in file order; empty when the key is missing.</summary>
    public IReadOnlyList<string> Removed { get; }
}
