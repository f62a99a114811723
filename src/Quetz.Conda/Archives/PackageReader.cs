using System.Globalization;
using System.IO.Compression;
using ICSharpCode.SharpZipLib.BZip2;
using ZstdSharp;

namespace Quetz.Conda.Archives;

/// <summary>
/// Reads and validates conda package archives, streaming: only the metadata members quetz needs are buffered,
/// every other byte is decoded, counted and dropped.
/// </summary>
public static class PackageReader
{
    private const string InfoPrefix = "info-";
    private const string PkgPrefix = "pkg-";
    private const string MetadataJson = "metadata.json";

    /// <summary>
    /// Reads a whole package archive, checks every member of it (in a .conda, of both the info and the pkg
    /// part) and returns the metadata quetz stores.
    /// </summary>
    /// <remarks>
    /// Checks: the format's magic numbers; complete, uncorrupted compressed streams and tar archives; no
    /// absolute member path, no <c>..</c> segment, no member below an earlier symlink, no symbolic or hard link
    /// resolving outside the package root, no device file; the bounds of <paramref name="limits"/>; a valid
    /// <c>info/index.json</c> (see <see cref="PackageIndex.Validate"/>). The work runs on the thread pool with
    /// synchronous reads of <paramref name="archive"/> (decoding is CPU-bound), so pass a file or memory stream
    /// rather than a request body that forbids synchronous I/O.
    /// </remarks>
    /// <param name="archive">
    /// The archive. A <see cref="PackageFormat.TarBz2"/> is read from the current position and may be
    /// forward-only; a <see cref="PackageFormat.Conda"/> is a zip, read as the whole stream, which must be
    /// seekable. The stream is left open.
    /// </param>
    /// <param name="format">The format the file name announced.</param>
    /// <param name="limits">The bounds to enforce; null for <see cref="ArchiveLimits.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read between members and chunks.</param>
    /// <returns>The package metadata.</returns>
    /// <exception cref="InvalidPackageException">The archive is broken, unsafe or no conda package; the message says why.</exception>
    /// <exception cref="ArgumentException">A .conda stream is not seekable.</exception>
    public static Task<PackageMetadata> ReadAsync(Stream archive, PackageFormat format, ArchiveLimits? limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archive);
        if (!archive.CanRead)
        {
            throw new ArgumentException("The archive stream cannot be read.", nameof(archive));
        }

        if (format == PackageFormat.Conda && !archive.CanSeek)
        {
            throw new ArgumentException("A .conda package is a zip file and needs a seekable stream.", nameof(archive));
        }

        ArchiveLimits bounds = limits ?? ArchiveLimits.Default;
        return format switch
        {
            PackageFormat.TarBz2 => Task.Run(() => ArchiveErrors.Translate(() => ReadTarBz2(archive, bounds, cancellationToken)), cancellationToken),
            PackageFormat.Conda => Task.Run(() => ArchiveErrors.Translate(() => ReadConda(archive, bounds, cancellationToken)), cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown package format."),
        };
    }

    /// <summary>Reads a package file, choosing the format by its extension.</summary>
    /// <param name="path">A <c>.tar.bz2</c> or <c>.conda</c> file.</param>
    /// <param name="limits">The bounds to enforce; null for <see cref="ArchiveLimits.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The package metadata.</returns>
    /// <exception cref="InvalidPackageException">The archive is broken, unsafe or no conda package.</exception>
    /// <exception cref="ArgumentException">The path has no package extension.</exception>
    public static async Task<PackageMetadata> ReadFileAsync(string path, ArchiveLimits? limits, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        PackageFormat format = path.EndsWith(PackageFileName.CondaExtension, StringComparison.Ordinal) ? PackageFormat.Conda
            : path.EndsWith(PackageFileName.TarBz2Extension, StringComparison.Ordinal) ? PackageFormat.TarBz2
            : throw new ArgumentException("A package file name ends with .tar.bz2 or .conda.", nameof(path));
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            return await ReadAsync(stream, format, limits, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads one file of a package by its path inside the package (<c>noarch/patch_instructions.json</c>,
    /// <c>info/about.json</c>), streaming: what comes before it is decoded and dropped, what comes after it is not read.
    /// </summary>
    /// <remarks>
    /// Members passed on the way are checked as <see cref="ReadAsync"/> checks them (paths, links, the bounds of
    /// <see cref="ArchiveLimits.Default"/>). In a <c>.conda</c>, a path under <c>info/</c> is looked for in the
    /// info part and any other path in the pkg part. When a path occurs twice, the first copy is read. The work runs
    /// on the thread pool with synchronous reads of <paramref name="archive"/>.
    /// </remarks>
    /// <param name="archive">
    /// The archive: a <see cref="PackageFormat.TarBz2"/> from its current position, possibly forward-only; a
    /// <see cref="PackageFormat.Conda"/> as the whole, seekable stream. Left open.
    /// </param>
    /// <param name="format">The archive's format.</param>
    /// <param name="path">The member's path, '/'-separated, without a leading <c>./</c>.</param>
    /// <param name="maxBytes">The largest member to read; a larger one throws rather than being buffered.</param>
    /// <param name="cancellationToken">Stops the read between members.</param>
    /// <returns>The member's bytes, or null when the package has no regular file at <paramref name="path"/>.</returns>
    /// <exception cref="InvalidPackageException">The archive is broken or unsafe, or the member is larger than <paramref name="maxBytes"/>.</exception>
    /// <exception cref="ArgumentException">A .conda stream is not seekable, or <paramref name="path"/> is empty.</exception>
    public static Task<byte[]?> ReadMemberAsync(Stream archive, PackageFormat format, string path, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (format == PackageFormat.Conda && !archive.CanSeek)
        {
            throw new ArgumentException("A .conda package is a zip file and needs a seekable stream.", nameof(archive));
        }

        string member = MemberChecker.Normalize(path);
        ArchiveLimits limits = ArchiveLimits.Default;
        return format switch
        {
            PackageFormat.TarBz2 => Task.Run(() => ArchiveErrors.Translate(() => MemberExtractor.FromTarBz2(archive, member, maxBytes, limits, cancellationToken)), cancellationToken),
            PackageFormat.Conda => Task.Run(() => ArchiveErrors.Translate(() => MemberExtractor.FromConda(archive, member, maxBytes, limits, cancellationToken)), cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown package format."),
        };
    }

    private static PackageMetadata ReadTarBz2(Stream archive, ArchiveLimits limits, CancellationToken cancellationToken)
    {
        long? compressedLength = null;
        if (archive.CanSeek)
        {
            compressedLength = archive.Length - archive.Position;
        }

        using var source = new BufferedSourceStream(archive);
        if (!Bzip2DecodingStream.StartsWithMagic(source.Peek(4)))
        {
            throw new InvalidPackageException("not a bzip2 file");
        }

        var state = new ScanState(limits);
        var metadata = new MetadataCollector(limits);
        using var decoded = new Bzip2DecodingStream(source);
        using var guard = new ExpansionGuardStream(decoded, state, () => compressedLength ?? source.Consumed);
        TarComponentScanner.Scan(guard, state, metadata.OnMember, cancellationToken);
        return metadata.Build();
    }

    private static PackageMetadata ReadConda(Stream archive, ArchiveLimits limits, CancellationToken cancellationToken)
    {
        Span<byte> magic = stackalloc byte[4];
        long start = archive.Position;
        int got = archive.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        archive.Position = start;
        if (got < 4 || magic[0] != (byte)'P' || magic[1] != (byte)'K' || magic[2] != 3 || magic[3] != 4)
        {
            throw new InvalidPackageException("not a zip file");
        }

        ZipArchive zip;
        try
        {
            zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidPackageException("truncated archive", e);
        }

        using (zip)
        {
            var state = new ScanState(limits);
            ZipArchiveEntry? info = null;
            ZipArchiveEntry? pkg = null;
            ZipArchiveEntry? metadataJson = null;
            foreach (ZipArchiveEntry entry in zip.Entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                state.CountEntry();
                string name = MemberChecker.Normalize(entry.FullName);
                if (name == MetadataJson)
                {
                    metadataJson = entry;
                }
                else if (IsComponent(name, InfoPrefix))
                {
                    info = info is null ? entry : throw new InvalidPackageException("the .conda holds more than one info-*.tar.zst");
                }
                else if (IsComponent(name, PkgPrefix))
                {
                    pkg = pkg is null ? entry : throw new InvalidPackageException("the .conda holds more than one pkg-*.tar.zst");
                }
            }

            if (metadataJson is not null)
            {
                CheckFormatVersion(metadataJson, limits);
            }

            if (info is null)
            {
                throw new InvalidPackageException("info-*.tar.zst missing");
            }

            if (pkg is null)
            {
                throw new InvalidPackageException("pkg-*.tar.zst missing");
            }

            var metadata = new MetadataCollector(limits);
            ScanComponent(info, state, metadata.OnMember, cancellationToken);
            ScanComponent(pkg, state, static (_, _) => { }, cancellationToken);
            return metadata.Build();
        }
    }

    private static bool IsComponent(string name, string prefix) =>
        name.StartsWith(prefix, StringComparison.Ordinal)
        && (name.EndsWith(".tar.zst", StringComparison.Ordinal) || name.EndsWith(".tar", StringComparison.Ordinal));

    private static void ScanComponent(ZipArchiveEntry component, ScanState state, TarComponentScanner.MemberHandler onMember, CancellationToken cancellationToken)
    {
        long compressed = component.CompressedLength;
        using Stream raw = OpenZipEntry(component);
        if (component.FullName.EndsWith(".tar", StringComparison.Ordinal))
        {
            using var plainGuard = new ExpansionGuardStream(raw, state, () => compressed);
            TarComponentScanner.Scan(plainGuard, state, onMember, cancellationToken);
            return;
        }

        using var decoded = new DecompressionStream(raw, bufferSize: 0, checkEndOfStream: true, leaveOpen: true);
        using var guard = new ExpansionGuardStream(decoded, state, () => compressed);
        TarComponentScanner.Scan(guard, state, onMember, cancellationToken);
    }

    private static void CheckFormatVersion(ZipArchiveEntry entry, ArchiveLimits limits)
    {
        MetadataCollector.CheckSize(MetadataJson, entry.Length, limits);
        byte[] bytes = new byte[entry.Length];
        using (Stream stream = OpenZipEntry(entry))
        {
            stream.ReadExactly(bytes);
        }

        System.Text.Json.Nodes.JsonObject json = JsonObjects.Parse(bytes, MetadataJson);
        if (json["conda_pkg_format_version"] is { } version && version.ToJsonString() != "2")
        {
            throw new InvalidPackageException(string.Create(
                CultureInfo.InvariantCulture, $"unsupported .conda format version {version.ToJsonString()}"));
        }
    }

    private static Stream OpenZipEntry(ZipArchiveEntry entry)
    {
        try
        {
            return entry.Open();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidPackageException($"zip member '{entry.FullName}' cannot be read", e);
        }
    }
}
