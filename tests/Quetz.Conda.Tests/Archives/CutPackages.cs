using System.Formats.Tar;
using System.IO.Compression;
using Quetz.Conda.Archives;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace Quetz.Conda.Tests.Archives;

/// <summary>
/// Packages cut short, built from a tar whose layout is known: the tar itself stopped at a chosen byte inside an
/// intact compressed stream (a writer that died before the end marker), or the compressed stream stopped early
/// (an interrupted download).
/// </summary>
internal static class CutPackages
{
    /// <summary>Header block plus one data block: the size in the tar of each file of <see cref="Files"/>.</summary>
    public const int MemberBytes = 1024;

    /// <summary>Three small pkg-part files, in this order in the tar.</summary>
    public static readonly ArchiveEntry[] Files =
    [
        ArchiveEntry.Text("a/first.json", """{"n":1}"""),
        ArchiveEntry.Text("b/second.json", """{"n":2}"""),
        ArchiveEntry.Text("c/third.json", """{"n":3}"""),
    ];

    /// <summary>A GNU tar of regular files (<see cref="Files"/> by default), end-of-archive marker included.</summary>
    public static byte[] Tar(IEnumerable<ArchiveEntry>? files = null)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Gnu, leaveOpen: true))
        {
            foreach (ArchiveEntry file in files ?? Files)
            {
                writer.WriteEntry(new GnuTarEntry(TarEntryType.RegularFile, file.Path) { DataStream = new MemoryStream(file.Content) });
            }
        }

        return tar.ToArray();
    }

    /// <summary>
    /// <paramref name="tar"/> as a package: bzip2 for a .tar.bz2; for a .conda, its zstd pkg part (with a frame
    /// checksum, as <see cref="PackageWriter"/> writes it) beside a whole info part of test-package.
    /// <paramref name="cut"/>, if given, shortens that compressed stream.
    /// </summary>
    public static byte[] Package(PackageFormat format, byte[] tar, Func<byte[], byte[]>? cut = null)
    {
        if (format == PackageFormat.TarBz2)
        {
            return Keep(HostileTarHeaderTests.Bzip2(tar), cut);
        }

        using var compressor = new Compressor(3);
        compressor.SetParameter(ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            AddPart(zip, "info", compressor.Wrap(Tar(TestPackages.Entries().Where(e => e.IsInfo))).ToArray());
            AddPart(zip, "pkg", Keep(compressor.Wrap(tar).ToArray(), cut));
        }

        return output.ToArray();
    }

    private static void AddPart(ZipArchive zip, string part, byte[] zstd)
    {
        using Stream stream = zip.CreateEntry($"{part}-{TestPackages.BaseName}.tar.zst", CompressionLevel.NoCompression).Open();
        stream.Write(zstd);
    }

    private static byte[] Keep(byte[] compressed, Func<byte[], byte[]>? cut) => cut is null ? compressed : cut(compressed);
}
