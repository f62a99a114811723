using System.Formats.Tar;
using System.Globalization;
using System.Text;
using ICSharpCode.SharpZipLib.BZip2;
using Quetz.Conda.Archives;

namespace Quetz.Conda.Tests.Archives;

/// <summary>
/// Tar headers that announce huge metadata blocks (PAX extended headers, GNU long names): the BCL tar reader
/// would allocate the announced size before reading a byte of it, so the reader must refuse them first.
/// </summary>
[Collection(LargePackageCollection.Name)]
public class HostileTarHeaderTests
{
    [Theory]
    [InlineData('x', "PaxHeaders/evil")]
    [InlineData('L', "././@LongLink")]
    [InlineData('g', "pax_global_header")]
    public async Task A_huge_announced_metadata_block_is_refused_before_it_is_allocated(char type, string name)
    {
        byte[] tar = new byte[2048];
        WriteHeader(tar, name, 1_500_000_000, type);
        byte[] archive = Bzip2(tar);
        long before = GC.GetTotalAllocatedBytes(precise: true);

        InvalidPackageException e = await Assert.ThrowsAsync<InvalidPackageException>(() => TestPackages.Read(archive, PackageFormat.TarBz2));

        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 64 << 20, "allocated the announced block");
        Assert.Equal("tar header of type '" + type + "' announces 1500000000 bytes, more than the limit of 16777216", e.Message);
    }

    [Theory]
    [InlineData(TarEntryFormat.Pax)]
    [InlineData(TarEntryFormat.Gnu)]
    [InlineData(TarEntryFormat.Ustar)]
    public async Task A_tar_without_its_end_marker_is_truncated_whatever_its_headers(TarEntryFormat format)
    {
        using var tar = new MemoryStream();
        var writer = new TarWriter(tar, format, leaveOpen: true);
        foreach (ArchiveEntry entry in TestPackages.Entries())
        {
            string name = entry.IsInfo || format == TarEntryFormat.Ustar ? entry.Path : "share/" + new string('n', 150) + "/" + entry.Path;
            TarEntry tarEntry = format switch
            {
                TarEntryFormat.Pax => new PaxTarEntry(TarEntryType.RegularFile, name),
                TarEntryFormat.Gnu => new GnuTarEntry(TarEntryType.RegularFile, name),
                _ => new UstarTarEntry(TarEntryType.RegularFile, name),
            };
            tarEntry.DataStream = new MemoryStream(entry.Content);
            writer.WriteEntry(tarEntry);
        }

        // The writer has not been disposed: no end-of-archive marker yet.
        byte[] cut = tar.ToArray();
        await writer.DisposeAsync();

        InvalidPackageException e = await Assert.ThrowsAsync<InvalidPackageException>(() => TestPackages.Read(Bzip2(cut), PackageFormat.TarBz2));
        Assert.Equal("truncated archive", e.Message);
        Assert.Equal("test-package", (await TestPackages.Read(Bzip2(tar.ToArray()), PackageFormat.TarBz2)).Name);
    }

    [Fact]
    public async Task A_pax_size_record_overrides_the_header_size()
    {
        // An 'x' header whose "size" record overrides the next header's size field (0), as tar does for
        // members over 8 GiB; the sentinel must follow it to find the next header, and the missing end marker.
        byte[] index = Encoding.UTF8.GetBytes(TestPackages.IndexJson);
        byte[] paxBytes = Encoding.ASCII.GetBytes(FixPaxLength("size=" + index.Length.ToString(CultureInfo.InvariantCulture)));
        var tar = new List<byte>();
        byte[] block = new byte[512];
        WriteHeader(block, "PaxHeaders/index.json", paxBytes.Length, 'x');
        tar.AddRange(block);
        tar.AddRange(Pad(paxBytes));
        WriteHeader(block, "info/index.json", 0, '0');
        tar.AddRange(block);
        tar.AddRange(Pad(index));

        InvalidPackageException e = await Assert.ThrowsAsync<InvalidPackageException>(() => TestPackages.Read(Bzip2([.. tar]), PackageFormat.TarBz2));
        Assert.Equal("truncated archive", e.Message);

        tar.AddRange(new byte[1024]);
        Assert.Equal("test-package", (await TestPackages.Read(Bzip2([.. tar]), PackageFormat.TarBz2)).Name);
    }

    private static string FixPaxLength(string keyValue)
    {
        // "<length> <key>=<value>\n" where length counts itself.
        int length = keyValue.Length + 3;
        while ((length.ToString(CultureInfo.InvariantCulture) + " " + keyValue + "\n").Length != length)
        {
            length++;
        }

        return length.ToString(CultureInfo.InvariantCulture) + " " + keyValue + "\n";
    }

    private static byte[] Pad(byte[] data)
    {
        byte[] padded = new byte[(data.Length + 511) / 512 * 512];
        data.CopyTo(padded, 0);
        return padded;
    }

    internal static void WriteHeader(byte[] tar, string name, long size, char type, int offset = 0)
    {
        Span<byte> header = tar.AsSpan(offset, 512);
        header.Clear();
        Encoding.ASCII.GetBytes(name).CopyTo(header);
        Encoding.ASCII.GetBytes("0000644\0").CopyTo(header[100..]);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(header[108..]);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(header[116..]);
        Encoding.ASCII.GetBytes(Convert.ToString(size, 8).PadLeft(11, '0') + "\0").CopyTo(header[124..]);
        Encoding.ASCII.GetBytes("00000000000\0").CopyTo(header[136..]);
        header[156] = (byte)type;
        Encoding.ASCII.GetBytes("ustar\000").CopyTo(header[257..]);
        header.Slice(148, 8).Fill((byte)' ');
        int checksum = 0;
        foreach (byte b in header)
        {
            checksum += b;
        }

        Encoding.ASCII.GetBytes(Convert.ToString(checksum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header[148..]);
    }

    internal static byte[] Bzip2(byte[] data)
    {
        using var output = new MemoryStream();
        using (var bz = new BZip2OutputStream(output) { IsStreamOwner = false })
        {
            bz.Write(data);
        }

        return output.ToArray();
    }
}
