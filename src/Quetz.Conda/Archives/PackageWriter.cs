using System.Formats.Tar;
using System.IO.Compression;
using ICSharpCode.SharpZipLib.BZip2;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace Quetz.Conda.Archives;

/// <summary>
/// Writes conda packages: .tar.bz2 and .conda from in-memory entries (fixtures, generated packages), and
/// .tar.bz2 to .conda conversion that streams. Output is deterministic: GNU tar members with uid and gid 0, no
/// owner names, a fixed modification time unless an entry carries its own, <c>info/</c> members first and
/// each part sorted by path (ordinal).
/// </summary>
/// <remarks>
/// The work runs on the thread pool with synchronous writes to the output (compression is CPU-bound). A .conda
/// written to a seekable stream records every size in the zip's local headers; to a forward-only stream it
/// uses data descriptors, which some streaming readers cannot handle.
/// </remarks>
public static class PackageWriter
{
    private const string MetadataJsonName = "metadata.json";

    /// <summary>Writes a .tar.bz2 holding <paramref name="entries"/>, <c>info/</c> first, each part sorted.</summary>
    /// <param name="output">Receives the archive; left open.</param>
    /// <param name="entries">The members; paths are not checked.</param>
    /// <param name="cancellationToken">Stops between members.</param>
    /// <returns>A task that completes when the archive is written.</returns>
    public static Task WriteTarBz2Async(Stream output, IEnumerable<ArchiveEntry> entries, CancellationToken cancellationToken) =>
        WriteTarBz2Async(output, entries, PackageWriterOptions.Default, cancellationToken);

    /// <summary>Writes a .tar.bz2 holding <paramref name="entries"/>, <c>info/</c> first, each part sorted.</summary>
    /// <param name="output">Receives the archive; left open.</param>
    /// <param name="entries">The members; paths are not checked.</param>
    /// <param name="options">Compression and time stamps.</param>
    /// <param name="cancellationToken">Stops between members.</param>
    /// <returns>A task that completes when the archive is written.</returns>
    public static Task WriteTarBz2Async(Stream output, IEnumerable<ArchiveEntry> entries, PackageWriterOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(options);
        List<ArchiveEntry> sorted = Sorted(entries);
        return Task.Run(
            () =>
            {
                using var buffered = new OutputBufferStream(output);
                using (var bzip2 = new BZip2OutputStream(buffered, options.Bzip2BlockSize) { IsStreamOwner = false })
                using (var tar = new TarWriter(bzip2, TarEntryFormat.Gnu, leaveOpen: true))
                {
                    WriteEntries(tar, sorted, 0, sorted.Count, options, cancellationToken);
                }

                buffered.Flush();
            },
            cancellationToken);
    }

    /// <summary>
    /// Writes a .conda: an uncompressed zip holding <c>metadata.json</c> (<c>{"conda_pkg_format_version": 2}</c>),
    /// <c>info-{baseName}.tar.zst</c> with the <c>info/</c> members and <c>pkg-{baseName}.tar.zst</c> with the rest.
    /// </summary>
    /// <param name="output">Receives the archive; left open. Seekable is best (see the remarks on <see cref="PackageWriter"/>).</param>
    /// <param name="baseName">The package's <c>name-version-build</c>.</param>
    /// <param name="entries">The members; paths are not checked.</param>
    /// <param name="cancellationToken">Stops between members.</param>
    /// <returns>A task that completes when the archive is written.</returns>
    public static Task WriteCondaAsync(Stream output, string baseName, IEnumerable<ArchiveEntry> entries, CancellationToken cancellationToken) =>
        WriteCondaAsync(output, baseName, entries, PackageWriterOptions.Default, cancellationToken);

    /// <summary>Writes a .conda (see <see cref="WriteCondaAsync(Stream, string, IEnumerable{ArchiveEntry}, CancellationToken)"/>).</summary>
    /// <param name="output">Receives the archive; left open.</param>
    /// <param name="baseName">The package's <c>name-version-build</c>.</param>
    /// <param name="entries">The members; paths are not checked.</param>
    /// <param name="options">Compression and time stamps.</param>
    /// <param name="cancellationToken">Stops between members.</param>
    /// <returns>A task that completes when the archive is written.</returns>
    public static Task WriteCondaAsync(Stream output, string baseName, IEnumerable<ArchiveEntry> entries, PackageWriterOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrEmpty(baseName);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(options);
        List<ArchiveEntry> sorted = Sorted(entries);
        int infoCount = 0;
        while (infoCount < sorted.Count && sorted[infoCount].IsInfo)
        {
            infoCount++;
        }

        return Task.Run(
            () =>
            {
                using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
                WriteMetadataJson(zip, options);
                using (Stream info = CreateStoredEntry(zip, $"info-{baseName}.tar.zst", options))
                using (CompressionStream zstd = CreateZstd(info, options))
                using (var tar = new TarWriter(zstd, TarEntryFormat.Gnu, leaveOpen: true))
                {
                    WriteEntries(tar, sorted, 0, infoCount, options, cancellationToken);
                }

                using (Stream pkg = CreateStoredEntry(zip, $"pkg-{baseName}.tar.zst", options))
                using (CompressionStream zstd = CreateZstd(pkg, options))
                using (var tar = new TarWriter(zstd, TarEntryFormat.Gnu, leaveOpen: true))
                {
                    WriteEntries(tar, sorted, infoCount, sorted.Count, options, cancellationToken);
                }
            },
            cancellationToken);
    }

    /// <summary>
    /// Converts a .tar.bz2 into a .conda, streaming: members go one by one into <c>pkg-{baseName}.tar.zst</c>
    /// (written straight into the zip) or, for <c>info/</c> members, into <c>info-{baseName}.tar.zst</c> (kept in
    /// a temporary file and stored last, as conda-package-streaming does). Every member keeps its path, bytes,
    /// type, mode, modification time (whole seconds) and link target; owners become uid/gid 0 without names.
    /// Member paths and links are checked, and the default <see cref="ArchiveLimits"/> apply, as in
    /// <see cref="PackageReader.ReadAsync(Stream, PackageFormat, ArchiveLimits?, CancellationToken)"/>.
    /// </summary>
    /// <param name="tarBz2">The .tar.bz2, forward-only is fine; left open.</param>
    /// <param name="condaOutput">Receives the .conda; left open.</param>
    /// <param name="baseName">The package's <c>name-version-build</c>.</param>
    /// <param name="cancellationToken">Stops between members.</param>
    /// <returns>A task that completes when the .conda is written.</returns>
    /// <exception cref="InvalidPackageException">The .tar.bz2 is broken or unsafe; the output is then incomplete.</exception>
    public static Task ConvertTarBz2ToCondaAsync(Stream tarBz2, Stream condaOutput, string baseName, CancellationToken cancellationToken) =>
        ConvertTarBz2ToCondaAsync(tarBz2, condaOutput, baseName, PackageWriterOptions.Default, cancellationToken);

    /// <summary>Converts a .tar.bz2 into a .conda, streaming (see <see cref="ConvertTarBz2ToCondaAsync(Stream, Stream, string, CancellationToken)"/>).</summary>
    /// <param name="tarBz2">The .tar.bz2, forward-only is fine; left open.</param>
    /// <param name="condaOutput">Receives the .conda; left open.</param>
    /// <param name="baseName">The package's <c>name-version-build</c>.</param>
    /// <param name="options">Compression level, the limits to enforce on the input.</param>
    /// <param name="cancellationToken">Stops between members.</param>
    /// <returns>A task that completes when the .conda is written.</returns>
    /// <exception cref="InvalidPackageException">The .tar.bz2 is broken or unsafe; the output is then incomplete.</exception>
    public static Task ConvertTarBz2ToCondaAsync(Stream tarBz2, Stream condaOutput, string baseName, PackageWriterOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tarBz2);
        ArgumentNullException.ThrowIfNull(condaOutput);
        ArgumentException.ThrowIfNullOrEmpty(baseName);
        ArgumentNullException.ThrowIfNull(options);
        return Task.Run(
            () => ArchiveErrors.Translate(() =>
            {
                Convert(tarBz2, condaOutput, baseName, options, cancellationToken);
                return true;
            }),
            cancellationToken);
    }

    private static void Convert(Stream tarBz2, Stream condaOutput, string baseName, PackageWriterOptions options, CancellationToken cancellationToken)
    {
        using var source = new BufferedSourceStream(tarBz2);
        if (!Bzip2DecodingStream.StartsWithMagic(source.Peek(4)))
        {
            throw new InvalidPackageException("not a bzip2 file");
        }

        long? compressedLength = tarBz2.CanSeek ? tarBz2.Length - tarBz2.Position : null;
        var state = new ScanState(options.Limits);
        using var decoded = new Bzip2DecodingStream(source);
        using var guard = new ExpansionGuardStream(decoded, state, () => compressedLength ?? source.Consumed);

        string infoPath = Path.Combine(Path.GetTempPath(), "quetz-info-" + Path.GetRandomFileName());
        using var infoFile = new FileStream(infoPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        using var zip = new ZipArchive(condaOutput, ZipArchiveMode.Create, leaveOpen: true);
        WriteMetadataJson(zip, options);
        using (CompressionStream infoZstd = CreateZstd(infoFile, options))
        using (var infoTar = new TarWriter(infoZstd, TarEntryFormat.Gnu, leaveOpen: true))
        {
            using (Stream pkg = CreateStoredEntry(zip, $"pkg-{baseName}.tar.zst", options))
            using (CompressionStream pkgZstd = CreateZstd(pkg, options))
            using (var pkgTar = new TarWriter(pkgZstd, TarEntryFormat.Gnu, leaveOpen: true))
            {
                TarComponentScanner.Scan(
                    guard,
                    state,
                    (entry, path) => (path.StartsWith("info/", StringComparison.Ordinal) ? infoTar : pkgTar).WriteEntry(TarEntries.CopyOf(entry)),
                    cancellationToken);
            }
        }

        infoFile.Position = 0;
        using Stream info = CreateStoredEntry(zip, $"info-{baseName}.tar.zst", options);
        infoFile.CopyTo(info, 64 * 1024);
    }

    private static List<ArchiveEntry> Sorted(IEnumerable<ArchiveEntry> entries)
    {
        var sorted = new List<ArchiveEntry>(entries);
        sorted.Sort(static (a, b) =>
        {
            int byPart = (a.IsInfo ? 0 : 1) - (b.IsInfo ? 0 : 1);
            return byPart != 0 ? byPart : string.CompareOrdinal(a.Path, b.Path);
        });
        return sorted;
    }

    private static void WriteEntries(TarWriter tar, List<ArchiveEntry> entries, int from, int to, PackageWriterOptions options, CancellationToken cancellationToken)
    {
        for (int i = from; i < to; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            tar.WriteEntry(TarEntries.From(entries[i], options.ModificationTime));
        }
    }

    private static void WriteMetadataJson(ZipArchive zip, PackageWriterOptions options)
    {
        using Stream stream = CreateStoredEntry(zip, MetadataJsonName, options);
        stream.Write("{\"conda_pkg_format_version\": 2}"u8);
    }

    private static Stream CreateStoredEntry(ZipArchive zip, string name, PackageWriterOptions options)
    {
        ZipArchiveEntry entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
        entry.LastWriteTime = options.ModificationTime;
        return entry.Open();
    }

    private static CompressionStream CreateZstd(Stream output, PackageWriterOptions options)
    {
        var zstd = new CompressionStream(output, options.ZstdLevel, bufferSize: 0, leaveOpen: true);
        zstd.SetParameter(ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
        return zstd;
    }
}
