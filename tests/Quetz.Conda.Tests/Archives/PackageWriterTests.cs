using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Quetz.Conda.Archives;

namespace Quetz.Conda.Tests.Archives;

public class PackageWriterTests
{
    private static readonly string[] InfoFirstOrder =
    [
        "info/about.json", "info/files", "info/icon.png", "info/index.json", "info/paths.json", "info/run_exports.json",
        "bin/test-link", "bin/test-script", "share/test-package/data.txt",
    ];

    [Fact]
    public void A_tar_bz2_holds_info_first_each_part_sorted_with_anonymous_fixed_metadata()
    {
        byte[] archive = TestPackages.Write(PackageFormat.TarBz2, TestPackages.Entries());

        List<MemberSummary> members = ArchiveInspector.ListTarBz2(new MemoryStream(archive));

        Assert.Equal(InfoFirstOrder, members.ConvertAll(m => m.Name));
        long fixedTime = PackageWriterOptions.Default.ModificationTime.ToUnixTimeSeconds();
        Assert.All(members, m => Assert.Equal(fixedTime, m.ModifiedSeconds));
        MemberSummary script = members.Single(m => m.Name == "bin/test-script");
        Assert.Equal((UnixFileMode)0b111_101_101, script.Mode);
        Assert.Equal(TestPackages.Sha256(TestPackages.Script), script.Sha256);
        MemberSummary link = members.Single(m => m.Name == "bin/test-link");
        Assert.Equal(TarEntryType.SymbolicLink, link.Type);
        Assert.Equal("test-script", link.LinkName);
        Assert.Equal((UnixFileMode)0b110_100_100, members.Single(m => m.Name == "info/index.json").Mode);

        using var bzip2 = new ICSharpCode.SharpZipLib.BZip2.BZip2InputStream(new MemoryStream(archive));
        using var reader = new TarReader(bzip2);
        while (reader.GetNextEntry() is { } entry)
        {
            Assert.Equal(TarEntryFormat.Gnu, entry.Format);
            Assert.Equal(0, entry.Uid);
            Assert.Equal(0, entry.Gid);
            Assert.Equal("", ((GnuTarEntry)entry).UserName);
            Assert.Equal("", ((GnuTarEntry)entry).GroupName);
        }
    }

    [Fact]
    public void A_conda_is_a_stored_zip_of_metadata_json_info_and_pkg()
    {
        byte[] archive = TestPackages.Write(PackageFormat.Conda, TestPackages.Entries());

        (List<MemberSummary> info, List<MemberSummary> pkg, List<ZipArchiveEntry> zipEntries) = ArchiveInspector.ListConda(new MemoryStream(archive));

        Assert.Equal(["metadata.json", "info-test-package-0.1-0.tar.zst", "pkg-test-package-0.1-0.tar.zst"], zipEntries.ConvertAll(e => e.FullName));
        Assert.Equal(InfoFirstOrder[..6], info.ConvertAll(m => m.Name));
        Assert.Equal(InfoFirstOrder[6..], pkg.ConvertAll(m => m.Name));
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        using (var reader = new StreamReader(zip.GetEntry("metadata.json")!.Open(), Encoding.UTF8))
        {
            Assert.Equal("{\"conda_pkg_format_version\": 2}", reader.ReadToEnd());
        }

        // Local headers: method 0 (stored), sizes known up front (no data descriptor), as a streaming reader needs.
        int offset = 0;
        int count = 0;
        while (BinaryPrimitives.ReadUInt32LittleEndian(archive.AsSpan(offset)) == 0x04034b50)
        {
            ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(archive.AsSpan(offset + 6));
            ushort method = BinaryPrimitives.ReadUInt16LittleEndian(archive.AsSpan(offset + 8));
            uint compressedSize = BinaryPrimitives.ReadUInt32LittleEndian(archive.AsSpan(offset + 18));
            ushort nameLength = BinaryPrimitives.ReadUInt16LittleEndian(archive.AsSpan(offset + 26));
            ushort extraLength = BinaryPrimitives.ReadUInt16LittleEndian(archive.AsSpan(offset + 28));
            Assert.Equal(0, method);
            Assert.Equal(0, flags & 8);
            offset += 30 + nameLength + extraLength + (int)compressedSize;
            count++;
        }

        Assert.Equal(3, count);
    }

    [Theory]
    [InlineData(PackageFormat.TarBz2)]
    [InlineData(PackageFormat.Conda)]
    public async Task Output_is_deterministic(PackageFormat format)
    {
        byte[] first = TestPackages.Write(format, TestPackages.Entries());
        await Task.Delay(1100);
        var shuffled = TestPackages.Entries();
        shuffled.Reverse();
        byte[] second = TestPackages.Write(format, shuffled);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Entries_keep_their_own_time_and_mode()
    {
        var time = new DateTimeOffset(2023, 5, 17, 8, 30, 15, TimeSpan.Zero);
        byte[] archive = TestPackages.Write(PackageFormat.TarBz2, TestPackages.EntriesWith(
            ArchiveEntry.Text("bin/tool", "x") with { ModificationTime = time, Mode = UnixFileMode.UserRead | UnixFileMode.UserExecute }));

        MemberSummary tool = ArchiveInspector.ListTarBz2(new MemoryStream(archive)).Single(m => m.Name == "bin/tool");

        Assert.Equal(time.ToUnixTimeSeconds(), tool.ModifiedSeconds);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserExecute, tool.Mode);
    }

    [Fact]
    public async Task A_conda_can_be_written_to_a_forward_only_stream()
    {
        using var target = new MemoryStream();
        await PackageWriter.WriteCondaAsync(new WriteOnlyStream(target), TestPackages.BaseName, TestPackages.Entries(), TestPackages.FastOptions, CancellationToken.None);

        PackageMetadata metadata = await TestPackages.Read(target.ToArray(), PackageFormat.Conda);

        Assert.Equal("test-package", metadata.Name);
    }

    [Fact]
    public async Task Long_paths_survive()
    {
        string longPath = "share/" + string.Join('/', Enumerable.Repeat("a-rather-long-directory-name", 12)) + "/file.txt";
        byte[] archive = TestPackages.Write(PackageFormat.TarBz2, TestPackages.EntriesWith(ArchiveEntry.Text(longPath, "deep")));

        List<MemberSummary> members = ArchiveInspector.ListTarBz2(new MemoryStream(archive));
        PackageMetadata metadata = await TestPackages.Read(archive, PackageFormat.TarBz2);

        Assert.Contains(members, m => m.Name == longPath);
        Assert.Equal("test-package", metadata.Name);
    }

    private sealed class WriteOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
