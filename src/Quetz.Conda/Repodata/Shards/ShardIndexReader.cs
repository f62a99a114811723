using System.Globalization;
using System.Text.RegularExpressions;

namespace Quetz.Conda.Repodata.Shards;

/// <summary>
/// Reads a CEP-16 shard index (<c>repodata_shards.msgpack.zst</c>) as strictly as rattler does:
/// <c>info.subdir</c>, <c>info.base_url</c>, <c>info.shards_base_url</c> and <c>shards</c> are
/// required, every shard hash is 32 raw bytes, and unknown keys are skipped as CEP-16 asks.
/// </summary>
public static partial class ShardIndexReader
{
    /// <summary>Reads an index file.</summary>
    /// <param name="compressed">The file's bytes.</param>
    /// <param name="maxDecompressedBytes">The most bytes the file may decompress to.</param>
    /// <returns>The index.</returns>
    /// <exception cref="InvalidShardException">The file is not a valid shard index.</exception>
    public static ShardIndex Read(ReadOnlySpan<byte> compressed, int maxDecompressedBytes = ShardFiles.DefaultMaxDecompressedBytes)
    {
        byte[] msgpack = ShardCompression.Decompress(compressed, maxDecompressedBytes);
        var reader = new MessagePackReader(msgpack);
        (string Subdir, string BaseUrl, string ShardsBaseUrl, DateTimeOffset? CreatedAt)? info = null;
        Dictionary<string, byte[]>? shards = null;

        int count = ShardDecoding.ReadMapHeader(ref reader, "The index");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            switch (ShardDecoding.ReadKey(ref reader, "The index", seen))
            {
                case "version":
                    int position = reader.Position;
                    if (reader.PeekType() != MessagePackType.Integer || reader.ReadInteger() != ShardFiles.IndexVersion)
                    {
                        throw new InvalidShardException($"version must be {ShardFiles.IndexVersion}, the only version CEP-16 defines (byte {position}).");
                    }

                    break;
                case "info":
                    info = ReadInfo(ref reader);
                    break;
                case "shards":
                    shards = ReadShards(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        ShardDecoding.ExpectEnd(ref reader);
        if (info is not { } found)
        {
            throw ShardDecoding.Missing("info");
        }

        return new ShardIndex(
            ShardFiles.IndexVersion,
            found.Subdir,
            found.BaseUrl,
            found.ShardsBaseUrl,
            found.CreatedAt,
            shards ?? throw ShardDecoding.Missing("shards"));
    }

    private static (string Subdir, string BaseUrl, string ShardsBaseUrl, DateTimeOffset? CreatedAt) ReadInfo(ref MessagePackReader reader)
    {
        string? subdir = null;
        string? baseUrl = null;
        string? shardsBaseUrl = null;
        DateTimeOffset? createdAt = null;
        int count = ShardDecoding.ReadMapHeader(ref reader, "info");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            switch (ShardDecoding.ReadKey(ref reader, "info", seen))
            {
                case "subdir":
                    subdir = ShardDecoding.ReadString(ref reader, "info.subdir");
                    break;
                case "base_url":
                    baseUrl = ShardDecoding.ReadString(ref reader, "info.base_url");
                    break;
                case "shards_base_url":
                    shardsBaseUrl = ShardDecoding.ReadString(ref reader, "info.shards_base_url");
                    break;
                case "created_at":
                    createdAt = ReadTimestamp(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return (
            subdir ?? throw ShardDecoding.Missing("info.subdir"),
            baseUrl ?? throw ShardDecoding.Missing("info.base_url"),
            shardsBaseUrl ?? throw ShardDecoding.Missing("info.shards_base_url"),
            createdAt);
    }

    private static DateTimeOffset? ReadTimestamp(ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        int position = reader.Position;
        string text = ShardDecoding.ReadString(ref reader, "info.created_at");

        // RFC 3339 needs the offset; .NET's parser alone would take a local time without one.
        if (!Rfc3339().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset time))
        {
            throw new InvalidShardException($"info.created_at '{text}' is not an RFC 3339 time (byte {position}).");
        }

        return time;
    }

    private static Dictionary<string, byte[]> ReadShards(ref MessagePackReader reader)
    {
        int count = ShardDecoding.ReadMapHeader(ref reader, "shards");
        var shards = new Dictionary<string, byte[]>(count, StringComparer.Ordinal);
        var seen = new HashSet<string>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string name = ShardDecoding.ReadKey(ref reader, "shards", seen);
            shards[name] = ShardDecoding.ReadHash(ref reader, $"shards['{name}']", 32);
        }

        return shards;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
