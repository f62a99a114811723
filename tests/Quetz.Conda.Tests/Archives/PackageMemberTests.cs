using System.Text;
using Quetz.Conda.Archives;

namespace Quetz.Conda.Tests.Archives;

public class PackageMemberTests
{
    private const string Instructions = """{"packages": {}, "patch_instructions_version": 1}""";

    public static TheoryData<PackageFormat> Formats => [PackageFormat.TarBz2, PackageFormat.Conda];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Reads_a_file_of_the_package_part(PackageFormat format)
    {
        byte[] archive = TestPackages.Write(format, TestPackages.EntriesWith(ArchiveEntry.Text("linux-64/patch_instructions.json", Instructions)));

        byte[]? member = await Read(archive, format, "linux-64/patch_instructions.json");

        Assert.Equal(Instructions, Encoding.UTF8.GetString(member!));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Reads_a_file_of_the_info_part(PackageFormat format)
    {
        byte[] archive = TestPackages.Write(format, TestPackages.Entries());

        byte[]? member = await Read(archive, format, "./info/about.json");

        Assert.Equal(TestPackages.AboutJson, Encoding.UTF8.GetString(member!));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_missing_file_or_a_link_reads_as_null(PackageFormat format)
    {
        byte[] archive = TestPackages.Write(format, TestPackages.Entries());

        Assert.Null(await Read(archive, format, "noarch/patch_instructions.json"));
        Assert.Null(await Read(archive, format, "bin/test-link"));
        Assert.Null(await Read(archive, format, "share"));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_file_over_the_limit_is_refused_not_buffered(PackageFormat format)
    {
        byte[] archive = TestPackages.Write(format, TestPackages.EntriesWith(ArchiveEntry.Text("noarch/patch_instructions.json", Instructions)));

        var error = await Assert.ThrowsAsync<InvalidPackageException>(() =>
            PackageReader.ReadMemberAsync(new MemoryStream(archive), format, "noarch/patch_instructions.json", Instructions.Length - 1, CancellationToken.None));

        Assert.Contains("noarch/patch_instructions.json is larger than the limit", error.Message, StringComparison.Ordinal);
        Assert.Equal(Instructions.Length, (await Read(archive, format, "noarch/patch_instructions.json"))!.Length);
    }

    [Fact]
    public async Task Stops_reading_a_tar_bz2_once_the_file_is_found()
    {
        byte[] noise = new byte[4 << 20];
        new Random(7).NextBytes(noise);
        byte[] archive = TestPackages.Write(PackageFormat.TarBz2,
            TestPackages.EntriesWith(ArchiveEntry.Text("a/first.json", "{}"), new ArchiveEntry("z/noise.bin", noise)));
        var forwardOnly = new ForwardOnlyStream(new MemoryStream(archive));

        byte[]? member = await PackageReader.ReadMemberAsync(forwardOnly, PackageFormat.TarBz2, "a/first.json", 1024, CancellationToken.None);

        Assert.Equal("{}", Encoding.UTF8.GetString(member!));
        Assert.True(forwardOnly.BytesRead < archive.Length / 2, $"read {forwardOnly.BytesRead} of {archive.Length} bytes");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_broken_archive_is_an_invalid_package(PackageFormat format)
    {
        byte[] archive = TestPackages.Write(format, TestPackages.Entries());

        await Assert.ThrowsAsync<InvalidPackageException>(() => Read(archive[..(archive.Length / 2)], format, "zzz/absent.json"));
        await Assert.ThrowsAsync<InvalidPackageException>(() => Read(Encoding.UTF8.GetBytes("not a package at all"), format, "a.json"));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void The_member_limit_counts_the_members_read_before_the_file(PackageFormat format)
    {
        byte[] archive = TestPackages.Write(format, TestPackages.Entries());
        var limits = new ArchiveLimits { MaxEntries = 2 };

        var error = Assert.Throws<InvalidPackageException>(() => Find(archive, format, "share/test-package/data.txt", limits));

        Assert.Equal("the package has more than 2 members", error.Message);
        Assert.Equal(TestPackages.AboutJson, Encoding.UTF8.GetString(Find(archive, format, "info/about.json", limits)!));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void The_unpacked_limit_stops_at_a_large_member_before_the_file(PackageFormat format)
    {
        byte[] random = new byte[100 * 1024];
        new Random(7).NextBytes(random);
        byte[] archive = TestPackages.Write(format, TestPackages.EntriesWith(new ArchiveEntry("a/random.bin", random)));
        var limits = new ArchiveLimits { MaxTotalUncompressedBytes = 64 * 1024 };

        var error = Assert.Throws<InvalidPackageException>(() => Find(archive, format, "share/test-package/data.txt", limits));

        Assert.Equal("decompression bomb: the package unpacks to more than 65536 bytes", error.Message);
        Assert.Equal(TestPackages.AboutJson, Encoding.UTF8.GetString(Find(archive, format, "info/about.json", limits)!));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_hostile_member_before_the_file_is_refused(PackageFormat format)
    {
        byte[] archive = TestPackages.Write(format, TestPackages.EntriesWith(ArchiveEntry.Text("a/../../x", "evil")));

        var error = await Assert.ThrowsAsync<InvalidPackageException>(() => Read(archive, format, "share/test-package/data.txt"));

        Assert.Equal("member 'a/../../x' escapes the package", error.Message);
    }

    [Fact]
    public async Task A_conda_needs_a_seekable_stream()
    {
        byte[] archive = TestPackages.Write(PackageFormat.Conda, TestPackages.Entries());

        await Assert.ThrowsAsync<ArgumentException>(() =>
            PackageReader.ReadMemberAsync(new ForwardOnlyStream(new MemoryStream(archive)), PackageFormat.Conda, "info/about.json", 1024, CancellationToken.None));
    }

    private static byte[]? Find(byte[] archive, PackageFormat format, string path, ArchiveLimits limits) =>
        ArchiveErrors.Translate(() => format == PackageFormat.TarBz2
            ? MemberExtractor.FromTarBz2(new MemoryStream(archive, writable: false), path, 1 << 20, limits, CancellationToken.None)
            : MemberExtractor.FromConda(new MemoryStream(archive, writable: false), path, 1 << 20, limits, CancellationToken.None));

    private static Task<byte[]?> Read(byte[] archive, PackageFormat format, string path) =>
        PackageReader.ReadMemberAsync(new MemoryStream(archive, writable: false), format, path, 1 << 20, CancellationToken.None);
}
