using System.IO.Compression;
using ICSharpCode.SharpZipLib.BZip2;
using ZstdSharp;

namespace Quetz.Conda.Repodata;

/// <summary>
/// Streaming compressors for the siblings of <c>repodata.json</c> and <c>channeldata.json</c>:
/// <c>.bz2</c> (conda before 4.7 and conda-index), <c>.zst</c> (conda 23+, mamba, pixi) and
/// <c>.gz</c> (what quetz serves with <c>Content-Encoding: gzip</c>).
/// </summary>
/// <remarks>
/// <para>
/// Write the JSON into the returned stream and dispose it: disposing writes the end of the
/// compressed data. Unless <c>leaveOpen</c> is <c>false</c>, <c>output</c> (or <c>input</c>) stays
/// open; dispose it yourself. Compression is deterministic: equal input gives equal bytes.
/// </para>
/// <para>
/// The bzip2 compressor finishes synchronously when disposed, also from <c>DisposeAsync</c>; give
/// it a file or memory stream rather than a stream that forbids synchronous writes.
/// </para>
/// </remarks>
public static class RepodataCompression
{
    /// <summary>The zstd level for the hot path (an index rebuilt after each upload): fast, about 9x on repodata.</summary>
    public const int FastZstdLevel = 3;

    /// <summary>The zstd level conda-index uses (<c>ZSTD_COMPRESS_LEVEL</c>): smaller files, several times slower to write.</summary>
    public const int CondaIndexZstdLevel = 16;

    /// <summary>The file extensions <see cref="Decompress(Stream, string)"/> accepts, with their dot.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".bz2", ".zst", ".gz"];

    /// <summary>
    /// A bzip2 compressor (900k blocks, as Python's <c>bz2.compress</c> default); <paramref name="output"/> stays open.
    /// </summary>
    /// <param name="output">Receives the compressed bytes.</param>
    /// <returns>The stream to write the uncompressed data to.</returns>
    public static Stream Bzip2(Stream output) => Bzip2(output, leaveOpen: true);

    /// <summary>A bzip2 compressor (900k blocks).</summary>
    /// <param name="output">Receives the compressed bytes.</param>
    /// <param name="leaveOpen">Whether <paramref name="output"/> stays open when the compressor is disposed.</param>
    /// <returns>The stream to write the uncompressed data to.</returns>
    public static Stream Bzip2(Stream output, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(output);
        return new BZip2OutputStream(output, 9) { IsStreamOwner = !leaveOpen };
    }

    /// <summary>A zstd compressor at <paramref name="level"/>; <paramref name="output"/> stays open.</summary>
    /// <param name="output">Receives the compressed bytes.</param>
    /// <param name="level">1 (fastest) to 22; <see cref="FastZstdLevel"/> or <see cref="CondaIndexZstdLevel"/>.</param>
    /// <returns>The stream to write the uncompressed data to.</returns>
    public static Stream Zstd(Stream output, int level) => Zstd(output, level, leaveOpen: true);

    /// <summary>A zstd compressor at <paramref name="level"/>.</summary>
    /// <param name="output">Receives the compressed bytes.</param>
    /// <param name="level">1 (fastest) to 22.</param>
    /// <param name="leaveOpen">Whether <paramref name="output"/> stays open when the compressor is disposed.</param>
    /// <returns>The stream to write the uncompressed data to.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside 1..22.</exception>
    public static Stream Zstd(Stream output, int level, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 22);
        return new CompressionStream(output, level, bufferSize: 0, leaveOpen: leaveOpen);
    }

    /// <summary>A gzip compressor (<see cref="CompressionLevel.Optimal"/>); <paramref name="output"/> stays open.</summary>
    /// <param name="output">Receives the compressed bytes.</param>
    /// <returns>The stream to write the uncompressed data to.</returns>
    public static Stream Gzip(Stream output) => Gzip(output, CompressionLevel.Optimal, leaveOpen: true);

    /// <summary>A gzip compressor.</summary>
    /// <param name="output">Receives the compressed bytes.</param>
    /// <param name="level">The compression level; <see cref="CompressionLevel.SmallestSize"/> matches Python's <c>gzip.compress</c> default.</param>
    /// <param name="leaveOpen">Whether <paramref name="output"/> stays open when the compressor is disposed.</param>
    /// <returns>The stream to write the uncompressed data to.</returns>
    public static Stream Gzip(Stream output, CompressionLevel level, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(output);
        return new GzipCompressionStream(output, level, leaveOpen);
    }

    /// <summary>
    /// A compressor chosen by extension: <c>.bz2</c>, <c>.zst</c> (at <paramref name="zstdLevel"/>) or
    /// <c>.gz</c>; <paramref name="output"/> stays open.
    /// </summary>
    /// <param name="output">Receives the compressed bytes.</param>
    /// <param name="extension">The sibling's extension, with or without the dot.</param>
    /// <param name="zstdLevel">The zstd level, when <paramref name="extension"/> is <c>.zst</c>.</param>
    /// <returns>The stream to write the uncompressed data to.</returns>
    /// <exception cref="ArgumentException">The extension is not one of <see cref="Extensions"/>.</exception>
    public static Stream Compress(Stream output, string extension, int zstdLevel = FastZstdLevel) => Normalize(extension) switch
    {
        ".bz2" => Bzip2(output),
        ".zst" => Zstd(output, zstdLevel),
        ".gz" => Gzip(output),
        _ => throw new ArgumentException($"Unknown compression '{extension}'; expected .bz2, .zst or .gz.", nameof(extension)),
    };

    /// <summary>
    /// A decompressor for <c>.bz2</c>, <c>.zst</c> or <c>.gz</c> data (for tests and proxies);
    /// <paramref name="input"/> stays open.
    /// </summary>
    /// <param name="input">The compressed bytes.</param>
    /// <param name="extension">The file's extension, with or without the dot.</param>
    /// <returns>A stream of the decompressed bytes.</returns>
    /// <exception cref="ArgumentException">The extension is not one of <see cref="Extensions"/>.</exception>
    public static Stream Decompress(Stream input, string extension) => Decompress(input, extension, leaveOpen: true);

    /// <summary>A decompressor for <c>.bz2</c>, <c>.zst</c> or <c>.gz</c> data.</summary>
    /// <param name="input">The compressed bytes.</param>
    /// <param name="extension">The file's extension, with or without the dot.</param>
    /// <param name="leaveOpen">Whether <paramref name="input"/> stays open when the decompressor is disposed.</param>
    /// <returns>A stream of the decompressed bytes.</returns>
    /// <exception cref="ArgumentException">The extension is not one of <see cref="Extensions"/>.</exception>
    public static Stream Decompress(Stream input, string extension, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Normalize(extension) switch
        {
            ".bz2" => new BZip2InputStream(input) { IsStreamOwner = !leaveOpen },
            ".zst" => new DecompressionStream(input, bufferSize: 0, checkEndOfStream: true, leaveOpen: leaveOpen),
            ".gz" => new GZipStream(input, CompressionMode.Decompress, leaveOpen),
            _ => throw new ArgumentException($"Unknown compression '{extension}'; expected .bz2, .zst or .gz.", nameof(extension)),
        };
    }

    private static string Normalize(string extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        return extension.StartsWith('.') ? extension.ToLowerInvariant() : "." + extension.ToLowerInvariant();
    }
}
