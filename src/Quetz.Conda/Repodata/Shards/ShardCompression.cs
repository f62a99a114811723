using System.Buffers;
using ZstdSharp;

namespace Quetz.Conda.Repodata.Shards;

/// <summary>zstd for shards and the shard index: one-shot frames out, bounded streaming in.</summary>
internal static class ShardCompression
{
    /// <summary>
    /// Compresses <paramref name="data"/> into one zstd frame that records the content size (Python's
    /// <c>zstandard.decompress</c> needs it) and no checksum, so the bytes depend only on the input and level.
    /// </summary>
    public static byte[] Compress(ReadOnlySpan<byte> data, int level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 22);
        using var compressor = new Compressor(level);
        return compressor.Wrap(data).ToArray();
    }

    /// <summary>
    /// Decompresses one or more zstd frames, with or without a recorded content size (rattler's
    /// streaming writer records none), refusing more than <paramref name="maxBytes"/> of output.
    /// </summary>
    /// <exception cref="InvalidShardException">The data is not zstd, is truncated, or is too large.</exception>
    public static byte[] Decompress(ReadOnlySpan<byte> data, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        if (data.IsEmpty)
        {
            throw new InvalidShardException("The file is empty; expected zstd-compressed MessagePack.");
        }

        var output = new ArrayBufferWriter<byte>((int)Math.Min(maxBytes, Math.Max(4096, data.Length * 4L)));
        using var decompressor = new Decompressor();
        try
        {
            while (true)
            {
                int room = Math.Min(1 << 16, maxBytes - output.WrittenCount + 1);
                OperationStatus status = decompressor.UnwrapStream(data, output.GetSpan(room)[..room], out int consumed, out int written);
                data = data[consumed..];
                output.Advance(written);
                if (output.WrittenCount > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }

                if (status == OperationStatus.InvalidData || (status != OperationStatus.Done && consumed == 0 && written == 0))
                {
                    throw new InvalidShardException("The data is not valid zstd.");
                }

                if (status == OperationStatus.Done && data.IsEmpty)
                {
                    return output.WrittenSpan.ToArray();
                }

                if (status == OperationStatus.NeedMoreData && data.IsEmpty)
                {
                    throw new InvalidShardException("The zstd data is truncated.");
                }
            }
        }
        catch (ZstdException e)
        {
            throw new InvalidShardException($"The data is not valid zstd: {e.Message}", e);
        }
    }

    private static InvalidShardException TooLarge(int maxBytes) =>
        new($"The data decompresses to more than {maxBytes} bytes, the limit.");
}
