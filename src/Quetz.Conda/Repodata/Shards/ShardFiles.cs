namespace Quetz.Conda.Repodata.Shards;

/// <summary>
/// Names and defaults of CEP-16 sharded repodata: a subdir's <see cref="IndexFileName"/> maps each
/// package name to the SHA-256 of its shard, and each shard is stored as
/// <c>&lt;lower-case hex SHA-256&gt;.msgpack.zst</c> under the index's <c>shards_base_url</c>.
/// </summary>
public static class ShardFiles
{
    /// <summary>The shard index's file name in the subdir.</summary>
    public const string IndexFileName = "repodata_shards.msgpack.zst";

    /// <summary>The extension of a shard file, after its hash.</summary>
    public const string ShardExtension = ".msgpack.zst";

    /// <summary>The index <c>version</c> CEP-16 defines, and the only one this library reads.</summary>
    public const int IndexVersion = 1;

    /// <summary>
    /// The zstd level of shards and index, as rattler and Python's zstandard use by default. Shards are
    /// mostly checksums, which do not compress: on 1,000 shards of 100 records, level 19 saved 2.5%
    /// of the bytes and took over 100 times as long (40 ms a shard against 0.3 ms).
    /// </summary>
    public const int DefaultZstdLevel = 3;

    /// <summary>
    /// The most decompressed bytes the readers accept by default. conda-forge's largest index and
    /// shards decompress to a few megabytes, so 64 MiB leaves room while bounding hostile input.
    /// </summary>
    public const int DefaultMaxDecompressedBytes = 64 * 1024 * 1024;

    /// <summary>The file name of the shard with this hash.</summary>
    /// <param name="sha256">The SHA-256 of the compressed shard, 32 bytes.</param>
    /// <returns><c>&lt;lower-case hex&gt;.msgpack.zst</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="sha256"/> is not 32 bytes.</exception>
    public static string ShardFileName(ReadOnlySpan<byte> sha256)
    {
        if (sha256.Length != 32)
        {
            throw new ArgumentException($"A SHA-256 is 32 bytes, not {sha256.Length}.", nameof(sha256));
        }

        return Convert.ToHexStringLower(sha256) + ShardExtension;
    }
}
