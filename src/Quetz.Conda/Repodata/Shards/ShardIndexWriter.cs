using System.Buffers;
using System.Globalization;

namespace Quetz.Conda.Repodata.Shards;

/// <summary>
/// Writes a subdir's CEP-16 shard index, <c>repodata_shards.msgpack.zst</c>: <c>version</c>,
/// <c>info</c> (<c>subdir</c>, <c>base_url</c>, <c>shards_base_url</c>, optional <c>created_at</c>)
/// and <c>shards</c> (package name → the 32-byte SHA-256 of its shard file), MessagePack compressed
/// with zstd.
/// </summary>
/// <remarks>
/// Package names are sorted by code point, so equal input gives equal bytes whatever its order.
/// rattler requires <c>base_url</c> and <c>shards_base_url</c>; both may be relative to the index.
/// </remarks>
public static class ShardIndexWriter
{
    /// <summary>Writes the index.</summary>
    /// <param name="subdir">The subdir, e.g. <c>linux-64</c>.</param>
    /// <param name="baseUrl">Where the packages are, relative to the index (e.g. <c>./</c>) or absolute.</param>
    /// <param name="shardsBaseUrl">Where the shards are, relative to the index (e.g. <c>./shards/</c>) or absolute.</param>
    /// <param name="createdAt">The time to record as <c>created_at</c> (in UTC), or <c>null</c> to leave it out.</param>
    /// <param name="shards">Package name → SHA-256 of its shard file (<see cref="Shard.Sha256"/>).</param>
    /// <param name="zstdLevel">The zstd level, 1 to 22.</param>
    /// <returns>The bytes of <c>repodata_shards.msgpack.zst</c>.</returns>
    /// <exception cref="ArgumentException">A name is empty or appears twice, or a hash is not 32 bytes.</exception>
    public static byte[] Write(
        string subdir,
        string baseUrl,
        string shardsBaseUrl,
        DateTimeOffset? createdAt,
        IEnumerable<KeyValuePair<string, byte[]>> shards,
        int zstdLevel = ShardFiles.DefaultZstdLevel)
    {
        ArgumentException.ThrowIfNullOrEmpty(subdir);
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(shardsBaseUrl);
        ArgumentNullException.ThrowIfNull(shards);
        ArgumentOutOfRangeException.ThrowIfLessThan(zstdLevel, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(zstdLevel, 22);

        KeyValuePair<string, byte[]>[] sorted = [.. shards];
        Array.Sort(sorted, static (a, b) => CodePointComparer.Instance.Compare(a.Key, b.Key));
        for (int i = 0; i < sorted.Length; i++)
        {
            (string name, byte[] hash) = sorted[i];
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("A package name is empty.", nameof(shards));
            }

            if (hash is not { Length: 32 })
            {
                throw new ArgumentException($"The hash of '{name}' is not 32 bytes.", nameof(shards));
            }

            if (i > 0 && string.Equals(name, sorted[i - 1].Key, StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{name}' appears twice.", nameof(shards));
            }
        }

        var output = new ArrayBufferWriter<byte>(64 + (sorted.Length * 48));
        MessagePackWriter.WriteMapHeader(output, 3);
        MessagePackWriter.WriteUtf8String(output, "version"u8);
        MessagePackWriter.WriteInt64(output, ShardFiles.IndexVersion);

        MessagePackWriter.WriteUtf8String(output, "info"u8);
        MessagePackWriter.WriteMapHeader(output, createdAt is null ? 3 : 4);
        MessagePackWriter.WriteUtf8String(output, "subdir"u8);
        MessagePackWriter.WriteString(output, subdir);
        MessagePackWriter.WriteUtf8String(output, "base_url"u8);
        MessagePackWriter.WriteString(output, baseUrl);
        MessagePackWriter.WriteUtf8String(output, "shards_base_url"u8);
        MessagePackWriter.WriteString(output, shardsBaseUrl);
        if (createdAt is DateTimeOffset time)
        {
            MessagePackWriter.WriteUtf8String(output, "created_at"u8);
            MessagePackWriter.WriteString(output, FormatTimestamp(time));
        }

        MessagePackWriter.WriteUtf8String(output, "shards"u8);
        MessagePackWriter.WriteMapHeader(output, sorted.Length);
        foreach ((string name, byte[] hash) in sorted)
        {
            MessagePackWriter.WriteString(output, name);
            MessagePackWriter.WriteBinary(output, hash);
        }

        return ShardCompression.Compress(output.WrittenSpan, zstdLevel);
    }

    /// <summary>RFC 3339 in UTC with a <c>Z</c>, fractional seconds only when there are any, as rattler writes it.</summary>
    internal static string FormatTimestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
