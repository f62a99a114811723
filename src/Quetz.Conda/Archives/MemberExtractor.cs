using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using ZstdSharp;

namespace Quetz.Conda.Archives;

/// <summary>
/// Finds one member of a package and reads it, streaming: members before it are decoded, checked and dropped, and
/// the read stops as soon as the member is found, so a small file near the start of a large package costs little.
/// </summary>
internal static class MemberExtractor
{
    private const string InfoPrefix = "info-";
    private const string PkgPrefix = "pkg-";

    public static byte[]? FromTarBz2(Stream archive, string path, long maxBytes, ArchiveLimits limits, CancellationToken cancellationToken)
    {
        long? compressedLength = archive.CanSeek ? archive.Length - archive.Position : null;
        using var source = new BufferedSourceStream(archive);
        if (!Bzip2DecodingStream.StartsWithMagic(source.Peek(4)))
        {
            throw new InvalidPackageException("not a bzip2 file");
        }

        var state = new ScanState(limits);
        using var decoded = new Bzip2DecodingStream(source);
        using var guard = new ExpansionGuardStream(decoded, state, () => compressedLength ?? source.Consumed);
        return Find(guard, state, path, maxBytes, cancellationToken);
    }

    /// <summary>A <c>.conda</c> keeps <c>info/</c> in its info part and everything else in its pkg part.</summary>
    public static byte[]? FromConda(Stream archive, string path, long maxBytes, ArchiveLimits limits, CancellationToken cancellationToken)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidPackageException("not a zip file", e);
        }

        using (zip)
        {
            string prefix = path.StartsWith("info/", StringComparison.Ordinal) ? InfoPrefix : PkgPrefix;
            ZipArchiveEntry? component = zip.Entries.FirstOrDefault(e => IsComponent(MemberChecker.Normalize(e.FullName), prefix))
                ?? throw new InvalidPackageException($"{prefix}*.tar.zst missing");
            long compressed = component.CompressedLength;
            var state = new ScanState(limits);
            Stream raw;
            try
            {
                raw = component.Open();
            }
            catch (InvalidDataException e)
            {
                throw new InvalidPackageException($"zip member '{component.FullName}' cannot be read", e);
            }

            using (raw)
            {
                if (component.FullName.EndsWith(".tar", StringComparison.Ordinal))
                {
                    using var plain = new ExpansionGuardStream(raw, state, () => compressed);
                    return Find(plain, state, path, maxBytes, cancellationToken);
                }

                using var decoded = new DecompressionStream(raw, bufferSize: 0, checkEndOfStream: true, leaveOpen: true);
                using var guard = new ExpansionGuardStream(decoded, state, () => compressed);
                return Find(guard, state, path, maxBytes, cancellationToken);
            }
        }
    }

    private static bool IsComponent(string name, string prefix) =>
        name.StartsWith(prefix, StringComparison.Ordinal)
        && (name.EndsWith(".tar.zst", StringComparison.Ordinal) || name.EndsWith(".tar", StringComparison.Ordinal));

    private static byte[]? Find(ExpansionGuardStream tar, ScanState state, string path, long maxBytes, CancellationToken cancellationToken)
    {
        byte[]? found = null;
        TarComponentScanner.Walk(
            tar,
            state,
            (entry, memberPath) =>
            {
                if (memberPath != path
                    || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile))
                {
                    return true;
                }

                if (entry.Length > maxBytes)
                {
                    throw new InvalidPackageException(string.Create(
                        CultureInfo.InvariantCulture, $"{path} is larger than the limit of {maxBytes} bytes"));
                }

                found = TarComponentScanner.ReadAll(entry);
                return false;
            },
            cancellationToken);
        return found;
    }
}
