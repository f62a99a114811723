using System.Text;
using Quetz.Conda.Archives;

namespace Quetz.Conda.Tests.Archives;

/// <summary>
/// What reading one member makes of a package cut short. The read stops at the member and vouches only for what
/// it has read: a member whole before the cut is returned, and a cut in what it reads through is a truncated
/// archive; but once the tar's end marker is read, a missing member is null even if the compressed stream was cut
/// after it, for the checks of the stream's end (CRC, checksum, end-of-archive marker) belong to the full read.
/// </summary>
public class CutPackageMemberTests
{
    public static TheoryData<PackageFormat> Formats => [PackageFormat.TarBz2, PackageFormat.Conda];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_file_before_the_cut_of_a_tar_is_read(PackageFormat format)
    {
        byte[] archive = CutPackages.Package(format, CutPackages.Tar()[..(2 * CutPackages.MemberBytes)]);

        Assert.Equal("""{"n":2}""", Encoding.UTF8.GetString((await Read(archive, format, "b/second.json"))!));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_file_after_a_cut_between_members_is_a_truncated_archive(PackageFormat format)
    {
        byte[] archive = CutPackages.Package(format, CutPackages.Tar()[..(2 * CutPackages.MemberBytes)]);

        await AssertTruncated(() => Read(archive, format, "c/third.json"));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_file_missing_from_a_stream_cut_after_the_tar_end_reads_as_null(PackageFormat format)
    {
        // Without bzip2's stream CRC or zstd's frame checksum, the whole tar, end marker included, still decodes.
        byte[] archive = CutPackages.Package(format, CutPackages.Tar(), compressed => compressed[..^4]);

        Assert.Null(await Read(archive, format, "zzz/absent.json"));
        await AssertTruncated(() => TestPackages.Read(archive, format));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_cut_inside_a_member_before_the_file_is_a_truncated_archive(PackageFormat format)
    {
        byte[] archive = CutPackages.Package(format, CutPackages.Tar()[..(CutPackages.MemberBytes + 512 + 3)]);

        Assert.Equal("""{"n":1}""", Encoding.UTF8.GetString((await Read(archive, format, "a/first.json"))!));
        await AssertTruncated(() => Read(archive, format, "b/second.json"));
        await AssertTruncated(() => Read(archive, format, "c/third.json"));
    }

    [Fact]
    public async Task A_file_before_the_cut_of_a_bzip2_stream_is_read()
    {
        byte[] archive = CutPackages.Package(PackageFormat.TarBz2, NoisyTar(), bz2 => bz2[..(bz2.Length * 3 / 4)]);

        Assert.Equal("{}", Encoding.UTF8.GetString((await Read(archive, PackageFormat.TarBz2, "a/first.json"))!));
        await AssertTruncated(() => Read(archive, PackageFormat.TarBz2, "zzz/absent.json"));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_file_missing_from_a_cut_compressed_stream_is_a_truncated_archive(PackageFormat format)
    {
        byte[] archive = CutPackages.Package(format, CutPackages.Tar(), compressed => compressed[..(compressed.Length / 2)]);

        await AssertTruncated(() => Read(archive, format, "zzz/absent.json"));
    }

    private static byte[] NoisyTar()
    {
        byte[] noise = new byte[4 << 20];
        new Random(7).NextBytes(noise);
        return CutPackages.Tar([ArchiveEntry.Text("a/first.json", "{}"), new ArchiveEntry("z/noise.bin", noise)]);
    }

    private static async Task AssertTruncated(Func<Task> read)
    {
        InvalidPackageException e = await Assert.ThrowsAsync<InvalidPackageException>(read);
        Assert.Equal("truncated archive", e.Message);
    }

    private static Task<byte[]?> Read(byte[] archive, PackageFormat format, string path) =>
        PackageReader.ReadMemberAsync(new MemoryStream(archive, writable: false), format, path, 1 << 20, CancellationToken.None);
}
