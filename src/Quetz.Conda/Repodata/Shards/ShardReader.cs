using System.Text.Json.Nodes;

namespace Quetz.Conda.Repodata.Shards;

/// <summary>
/// Reads a CEP-16 shard (<c>&lt;sha256&gt;.msgpack.zst</c>) as strictly as rattler does:
/// <c>packages</c> is required, <c>packages.conda</c> and <c>removed</c> default to empty, record
/// <c>md5</c> and <c>sha256</c> must be raw bytes, and unknown keys are skipped as CEP-16 asks.
/// </summary>
/// <remarks>
/// rattler also accepts hex strings for <c>md5</c> and <c>sha256</c>; this reader refuses them,
/// because it exists to check files this library writes, where a string would be a bug.
/// </remarks>
public static class ShardReader
{
    /// <summary>Reads a shard file.</summary>
    /// <param name="compressed">The file's bytes.</param>
    /// <param name="maxDecompressedBytes">The most bytes the file may decompress to.</param>
    /// <returns>The shard's records and removed file names.</returns>
    /// <exception cref="InvalidShardException">The file is not a valid shard.</exception>
    public static ShardContent Read(ReadOnlySpan<byte> compressed, int maxDecompressedBytes = ShardFiles.DefaultMaxDecompressedBytes)
    {
        byte[] msgpack = ShardCompression.Decompress(compressed, maxDecompressedBytes);
        var reader = new MessagePackReader(msgpack);
        Dictionary<string, JsonObject>? packages = null;
        Dictionary<string, JsonObject>? condaPackages = null;
        List<string>? removed = null;

        int count = ShardDecoding.ReadMapHeader(ref reader, "The shard");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            switch (ShardDecoding.ReadKey(ref reader, "The shard", seen))
            {
                case "packages":
                    packages = ReadRecords(ref reader, "packages");
                    break;
                case "packages.conda":
                    condaPackages = ReadRecords(ref reader, "packages.conda");
                    break;
                case "removed":
                    removed = ReadRemoved(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        ShardDecoding.ExpectEnd(ref reader);
        return new ShardContent(
            packages ?? throw ShardDecoding.Missing("packages"),
            condaPackages ?? new Dictionary<string, JsonObject>(StringComparer.Ordinal),
            removed ?? []);
    }

    private static Dictionary<string, JsonObject> ReadRecords(ref MessagePackReader reader, string section)
    {
        int count = ShardDecoding.ReadMapHeader(ref reader, section);
        var records = new Dictionary<string, JsonObject>(count, StringComparer.Ordinal);
        var seen = new HashSet<string>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string fileName = ShardDecoding.ReadKey(ref reader, section, seen);
            records[fileName] = ShardDecoding.ReadRecord(ref reader, $"{section}['{fileName}']");
        }

        return records;
    }

    private static List<string> ReadRemoved(ref MessagePackReader reader)
    {
        int count = ShardDecoding.ReadArrayHeader(ref reader, "removed");
        var removed = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            removed.Add(ShardDecoding.ReadString(ref reader, $"removed[{i}]"));
        }

        return removed;
    }
}
