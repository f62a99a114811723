using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using ICSharpCode.SharpZipLib.BZip2;
using Quetz.Conda.Archives;

namespace Quetz.Conda.Tests.Archives;

/// <summary>Broken and hostile packages, each refused with the exact user-facing message.</summary>
public class BrokenPackageTests
{
    public static TheoryData<PackageFormat> Formats => [PackageFormat.TarBz2, PackageFormat.Conda];

    private static async Task AssertRefused(byte[] archive, PackageFormat format, string message, ArchiveLimits? limits = null)
    {
        InvalidPackageException e = await Assert.ThrowsAsync<InvalidPackageException>(() => TestPackages.Read(archive, format, limits));
        Assert.Equal(message, e.Message);
    }

    private static Task AssertRefused(PackageFormat format, List<ArchiveEntry> entries, string message, ArchiveLimits? limits = null) =>
        AssertRefused(TestPackages.Write(format, entries), format, message, limits);

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Truncated_in_half(PackageFormat format)
    {
        byte[] archive = TestPackages.Write(format, TestPackages.Entries());

        await AssertRefused(archive[..(archive.Length / 2)], format, "truncated archive");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Truncated_by_a_few_bytes(PackageFormat format)
    {
        byte[] archive = TestPackages.Write(format, TestPackages.Entries());

        await AssertRefused(archive[..^4], format, "truncated archive");
    }

    [Fact]
    public async Task A_tar_that_stops_after_a_member_without_the_end_marker()
    {
        byte[] whole = TestPackages.Write(PackageFormat.TarBz2, TestPackages.Entries());
        using var tar = new MemoryStream();
        using (var bzip2 = new BZip2InputStream(new MemoryStream(whole)))
        {
            bzip2.CopyTo(tar);
        }

        // Cut the tar (not the bzip2 stream) after its first member: header and one data block.
        byte[] cut = tar.ToArray()[..1024];
        using var recompressed = new MemoryStream();
        using (var bz = new BZip2OutputStream(recompressed) { IsStreamOwner = false })
        {
            bz.Write(cut);
        }

        await AssertRefused(recompressed.ToArray(), PackageFormat.TarBz2, "truncated archive");
    }

    [Fact]
    public async Task Empty_tar_bz2() => await AssertRefused([], PackageFormat.TarBz2, "not a bzip2 file");

    [Fact]
    public async Task Not_a_bzip2_file()
    {
        await AssertRefused(Encoding.ASCII.GetBytes("this is no package at all"), PackageFormat.TarBz2, "not a bzip2 file");
    }

    [Fact]
    public async Task A_conda_uploaded_as_tar_bz2_is_not_a_bzip2_file()
    {
        byte[] conda = TestPackages.Write(PackageFormat.Conda, TestPackages.Entries());

        await AssertRefused(conda, PackageFormat.TarBz2, "not a bzip2 file");
    }

    [Fact]
    public async Task Not_a_zip_file()
    {
        byte[] tarBz2 = TestPackages.Write(PackageFormat.TarBz2, TestPackages.Entries());

        await AssertRefused(tarBz2, PackageFormat.Conda, "not a zip file");
        await AssertRefused([], PackageFormat.Conda, "not a zip file");
    }

    [Fact]
    public async Task Corrupt_bzip2_data()
    {
        byte[] archive = TestPackages.Write(PackageFormat.TarBz2, TestPackages.Entries());
        archive[archive.Length / 2] ^= 0x55;

        await AssertRefused(archive, PackageFormat.TarBz2, "corrupt bzip2 data");
    }

    [Fact]
    public async Task Bzip2_of_something_that_is_no_tar()
    {
        using var output = new MemoryStream();
        using (var bz = new BZip2OutputStream(output) { IsStreamOwner = false })
        {
            bz.Write(Encoding.ASCII.GetBytes(new string('x', 4000)));
        }

        await AssertRefused(output.ToArray(), PackageFormat.TarBz2, "not a tar archive");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_member_climbing_out_with_dot_dot(PackageFormat format)
    {
        await AssertRefused(format, TestPackages.EntriesWith(ArchiveEntry.Text("../x", "evil")), "member '../x' escapes the package");
        await AssertRefused(format, TestPackages.EntriesWith(ArchiveEntry.Text("lib/../../x", "evil")), "member 'lib/../../x' escapes the package");
        await AssertRefused(format, TestPackages.EntriesWith(ArchiveEntry.Text("lib/..\\..\\x", "evil")), "member 'lib/..\\..\\x' escapes the package");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task An_absolute_member(PackageFormat format)
    {
        await AssertRefused(format, TestPackages.EntriesWith(ArchiveEntry.Text("/etc/profile.d/evil.sh", "evil")), "member '/etc/profile.d/evil.sh' has an absolute path");
        await AssertRefused(format, TestPackages.EntriesWith(ArchiveEntry.Text("C:/Windows/evil.dll", "evil")), "member 'C:/Windows/evil.dll' has an absolute path");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_symlink_pointing_out(PackageFormat format)
    {
        await AssertRefused(format, TestPackages.EntriesWith(ArchiveEntry.SymbolicLink("bin/passwd", "../../etc/passwd")), "symlink 'bin/passwd' points outside the package: '../../etc/passwd'");
        await AssertRefused(format, TestPackages.EntriesWith(ArchiveEntry.SymbolicLink("bin/passwd", "/etc/passwd")), "symlink 'bin/passwd' points outside the package: '/etc/passwd'");
    }

    [Fact]
    public async Task A_symlink_pointing_out_through_another_symlink()
    {
        List<ArchiveEntry> entries = TestPackages.EntriesWith(
            ArchiveEntry.SymbolicLink("a/here", "."),
            ArchiveEntry.SymbolicLink("a/there", "here/../.."));

        await AssertRefused(PackageFormat.TarBz2, entries, "symlink 'a/there' points outside the package: 'here/../..'");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_hardlink_pointing_out(PackageFormat format)
    {
        await AssertRefused(format, TestPackages.EntriesWith(ArchiveEntry.HardLink("lib/passwd", "../../etc/passwd")), "hard link 'lib/passwd' points outside the package: '../../etc/passwd'");
        await AssertRefused(format, TestPackages.EntriesWith(ArchiveEntry.HardLink("lib/passwd", "/etc/passwd")), "hard link 'lib/passwd' points outside the package: '/etc/passwd'");
    }

    [Fact]
    public async Task A_member_written_through_a_symlink()
    {
        List<ArchiveEntry> entries = TestPackages.EntriesWith(
            ArchiveEntry.SymbolicLink("lib/dir", "../share"),
            ArchiveEntry.Text("lib/dir/x", "through the link"));

        await AssertRefused(PackageFormat.TarBz2, entries, "member 'lib/dir/x' lies inside symlink 'lib/dir'");
    }

    [Fact]
    public async Task A_device_file()
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Gnu, leaveOpen: true))
        {
            foreach (ArchiveEntry entry in TestPackages.Entries())
            {
                writer.WriteEntry(entry.Kind == ArchiveEntryKind.SymbolicLink
                    ? new GnuTarEntry(TarEntryType.SymbolicLink, entry.Path) { LinkName = entry.LinkTarget! }
                    : new GnuTarEntry(TarEntryType.RegularFile, entry.Path) { DataStream = new MemoryStream(entry.Content) });
            }

            writer.WriteEntry(new GnuTarEntry(TarEntryType.CharacterDevice, "dev/null"));
        }

        using var bz = new MemoryStream();
        using (var bzip2 = new BZip2OutputStream(bz) { IsStreamOwner = false })
        {
            bzip2.Write(tar.ToArray());
        }

        await AssertRefused(bz.ToArray(), PackageFormat.TarBz2, "member 'dev/null' is a device or FIFO");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task An_info_member_over_the_limit(PackageFormat format)
    {
        var limits = new ArchiveLimits { MaxMetadataMemberBytes = 1024 };
        List<ArchiveEntry> entries = TestPackages.EntriesWith(ArchiveEntry.Text("info/about.json", "{\"description\": \"" + new string('a', 2000) + "\"}"));

        await AssertRefused(format, entries, "info/about.json is larger than the limit of 1024 bytes", limits);
    }

    [Fact]
    public async Task An_info_member_over_the_default_16_MiB_limit()
    {
        byte[] huge = new byte[(16 << 20) + 1];
        huge.AsSpan().Fill((byte)' ');
        byte[] archive = TestPackages.Write(PackageFormat.Conda, TestPackages.EntriesWith(new ArchiveEntry("info/paths.json", huge)));

        await AssertRefused(archive, PackageFormat.Conda, "info/paths.json is larger than the limit of 16777216 bytes");
    }

    [Fact]
    public async Task A_bzip2_bomb()
    {
        // 24 MiB of zeros compress to a couple of kilobytes.
        byte[] archive = TestPackages.Write(PackageFormat.TarBz2, TestPackages.EntriesWith(new ArchiveEntry("share/zeros", new byte[24 << 20])));
        Assert.True(archive.Length < 8 * 1024, $"bomb is {archive.Length} bytes");

        await AssertRefused(archive, PackageFormat.TarBz2, "decompression bomb: the package unpacks to more than 200 times its compressed size");
    }

    [Fact]
    public async Task A_bzip2_bomb_read_forward_only()
    {
        byte[] archive = TestPackages.Write(PackageFormat.TarBz2, TestPackages.EntriesWith(new ArchiveEntry("share/zeros", new byte[24 << 20])));

        InvalidPackageException e = await Assert.ThrowsAsync<InvalidPackageException>(() =>
            PackageReader.ReadAsync(new ForwardOnlyStream(new MemoryStream(archive)), PackageFormat.TarBz2, null, CancellationToken.None));
        Assert.Equal("decompression bomb: the package unpacks to more than 200 times its compressed size", e.Message);
    }

    [Fact]
    public async Task A_zip_bomb()
    {
        // 256 MiB of zeros in the pkg part compress (zstd, stored in the zip) to a few kilobytes.
        byte[] archive = TestPackages.Write(PackageFormat.Conda, TestPackages.EntriesWith(new ArchiveEntry("share/zeros", new byte[256 << 20])));
        Assert.True(archive.Length < 32 * 1024, $"bomb is {archive.Length} bytes");

        await AssertRefused(archive, PackageFormat.Conda, "decompression bomb: the package unpacks to more than 200 times its compressed size");
    }

    [Fact]
    public async Task A_deflated_zip_bomb()
    {
        // The pkg part as a plain tar of 64 MiB of zeros, deflated inside the zip (about 64 KiB).
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            byte[] conda = TestPackages.Write(PackageFormat.Conda, TestPackages.Entries());
            using var source = new ZipArchive(new MemoryStream(conda), ZipArchiveMode.Read);
            foreach (ZipArchiveEntry entry in source.Entries)
            {
                if (!entry.Name.StartsWith("pkg-", StringComparison.Ordinal))
                {
                    using Stream to = zip.CreateEntry(entry.FullName, CompressionLevel.NoCompression).Open();
                    using Stream from = entry.Open();
                    from.CopyTo(to);
                }
            }

            using Stream bomb = zip.CreateEntry($"pkg-{TestPackages.BaseName}.tar", CompressionLevel.Optimal).Open();
            using var tar = new TarWriter(bomb, TarEntryFormat.Gnu, leaveOpen: true);
            tar.WriteEntry(new GnuTarEntry(TarEntryType.RegularFile, "share/zeros") { DataStream = new MemoryStream(new byte[64 << 20]) });
        }

        Assert.True(output.Length < 256 * 1024, $"bomb is {output.Length} bytes");
        await AssertRefused(output.ToArray(), PackageFormat.Conda, "decompression bomb: the package unpacks to more than 200 times its compressed size");
    }

    [Fact]
    public async Task More_than_the_total_unpacked_limit()
    {
        var limits = new ArchiveLimits { MaxTotalUncompressedBytes = 64 * 1024 };
        byte[] random = new byte[100 * 1024];
        new Random(7).NextBytes(random);

        await AssertRefused(PackageFormat.Conda, TestPackages.EntriesWith(new ArchiveEntry("share/random", random)), "decompression bomb: the package unpacks to more than 65536 bytes", limits);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task More_members_than_allowed(PackageFormat format)
    {
        var limits = new ArchiveLimits { MaxEntries = 5 };

        await AssertRefused(format, TestPackages.Entries(), "the package has more than 5 members", limits);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Missing_index_json(PackageFormat format)
    {
        await AssertRefused(format, TestPackages.EntriesWithout("info/index.json"), "info/index.json missing");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Invalid_json_in_index_json(PackageFormat format)
    {
        await AssertRefused(
            format,
            TestPackages.EntriesWith(ArchiveEntry.Text("info/index.json", "{\"name\": \"test-package\",")),
            "info/index.json is not valid JSON: Expected start of a property name or value, but instead reached end of data. LineNumber: 0 | BytePositionInLine: 23.");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Index_json_not_an_object(PackageFormat format)
    {
        await AssertRefused(format, TestPackages.EntriesWith(ArchiveEntry.Text("info/index.json", "[\"test-package\"]")), "info/index.json is not a JSON object");
    }

    [Theory]
    [InlineData("""{"version":"0.1","build":"0","subdir":"noarch"}""", "info/index.json has no 'name'")]
    [InlineData("""{"name":"x","version":1,"build":"0","subdir":"noarch"}""", "info/index.json: 'version' is not a string")]
    [InlineData("""{"name":"x","version":"1","build":"","subdir":"noarch"}""", "info/index.json: 'build' is empty")]
    [InlineData("""{"name":"x","version":"1","build":"0","build_number":"3","subdir":"noarch"}""", "info/index.json: 'build_number' is not an integer")]
    [InlineData("""{"name":"x","version":"1","build":"0","arch":"aarch64","platform":"linux"}""", "info/index.json has no 'subdir'")]
    public async Task Index_json_without_what_quetz_needs(string index, string message)
    {
        await AssertRefused(PackageFormat.TarBz2, TestPackages.EntriesWith(ArchiveEntry.Text("info/index.json", index)), message);
    }

    [Fact]
    public async Task Invalid_json_in_about_json()
    {
        await AssertRefused(PackageFormat.Conda, TestPackages.EntriesWith(ArchiveEntry.Text("info/about.json", "nope")),
            "info/about.json is not valid JSON: 'nope' is an invalid JSON literal. Expected the literal 'null'. LineNumber: 0 | BytePositionInLine: 1.");
    }

    [Fact]
    public async Task A_conda_without_its_info_part()
    {
        await AssertRefused(RebuildZip(name => !name.StartsWith("info-", StringComparison.Ordinal)), PackageFormat.Conda, "info-*.tar.zst missing");
    }

    [Fact]
    public async Task A_conda_without_its_pkg_part()
    {
        await AssertRefused(RebuildZip(name => !name.StartsWith("pkg-", StringComparison.Ordinal)), PackageFormat.Conda, "pkg-*.tar.zst missing");
    }

    [Fact]
    public async Task A_conda_of_an_unknown_format_version()
    {
        byte[] archive = RebuildZip(_ => true, ("metadata.json", """{"conda_pkg_format_version": 3}"""));

        await AssertRefused(archive, PackageFormat.Conda, "unsupported .conda format version 3");
    }

    [Fact]
    public async Task A_conda_with_a_zip_member_climbing_out()
    {
        byte[] archive = RebuildZip(_ => true, ("../evil", "x"));

        await AssertRefused(archive, PackageFormat.Conda, "member '../evil' escapes the package");
    }

    [Fact]
    public async Task A_corrupt_zstd_part()
    {
        byte[] archive = TestPackages.Write(PackageFormat.Conda, TestPackages.Entries());
        using (var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read))
        {
            // Stored entries: flip a byte in the middle of the pkg part's zstd frame.
            ZipArchiveEntry pkg = zip.Entries.Single(e => e.Name.StartsWith("pkg-", StringComparison.Ordinal));
            int offset = IndexOf(archive, Encoding.ASCII.GetBytes(pkg.Name)) + pkg.Name.Length + 20;
            archive[offset] ^= 0xFF;
            archive[offset + 1] ^= 0xFF;
        }

        InvalidPackageException e = await Assert.ThrowsAsync<InvalidPackageException>(() => TestPackages.Read(archive, PackageFormat.Conda));
        Assert.Contains(e.Message, new[] { "corrupt zstd data", "corrupt tar archive", "not a tar archive" });
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);

    private static byte[] RebuildZip(Func<string, bool> keep, params (string Name, string Content)[] extra)
    {
        byte[] conda = TestPackages.Write(PackageFormat.Conda, TestPackages.Entries());
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        using (var source = new ZipArchive(new MemoryStream(conda), ZipArchiveMode.Read))
        {
            foreach (ZipArchiveEntry entry in source.Entries)
            {
                if (keep(entry.FullName) && !extra.Any(x => x.Name == entry.FullName))
                {
                    using Stream to = zip.CreateEntry(entry.FullName, CompressionLevel.NoCompression).Open();
                    using Stream from = entry.Open();
                    from.CopyTo(to);
                }
            }

            foreach ((string name, string content) in extra)
            {
                using Stream to = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
                to.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        return output.ToArray();
    }
}
