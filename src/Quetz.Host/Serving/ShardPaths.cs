using System.Text.RegularExpressions;
using Quetz.Conda.Repodata.Shards;
using Quetz.Host.Indexing;

namespace Quetz.Host.Serving;

/// <summary>Recognises the sharded-repodata paths of a channel: <c>{subdir}/shards/{sha256}.msgpack.zst</c> and the index.</summary>
internal static partial class ShardPaths
{
    public static bool IsShard(string path, out string hash)
    {
        var match = ShardPattern().Match(path);
        hash = match.Success ? match.Groups["hash"].Value : "";
        return match.Success;
    }

    public static bool IsIndex(string path) =>
        path.EndsWith("/" + ShardFiles.IndexFileName, StringComparison.Ordinal) && path.IndexOf('/', StringComparison.Ordinal) == path.Length - ShardFiles.IndexFileName.Length - 1;

    /// <summary>The retirement markers of superseded shards are bookkeeping, not channel content.</summary>
    public static bool IsHidden(string path) => path.Contains($"/{ShardPublisher.RetiredFolder}/", StringComparison.Ordinal);

    [GeneratedRegex(@"^[^/]+/shards/(?<hash>[0-9a-f]{64})\.msgpack\.zst$")]
    private static partial Regex ShardPattern();
}
