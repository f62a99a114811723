using Quetz.Conda.Archives;

namespace Quetz.Conda.Tests.Archives;

public class ConversionTests
{
    [Fact]
    public async Task Every_member_survives_conversion_byte_for_byte()
    {
        var time = new DateTimeOffset(2021, 3, 4, 5, 6, 7, TimeSpan.Zero);
        List<ArchiveEntry> entries = TestPackages.EntriesWith(
            ArchiveEntry.Text("bin/tool", "#!/bin/sh\n") with { Mode = (UnixFileMode)0b111_101_101, ModificationTime = time },
            ArchiveEntry.HardLink("bin/tool2", "bin/tool"),
            ArchiveEntry.Directory("share/empty"),
            ArchiveEntry.Text("info/recipe/meta.yaml", "package: {name: test-package}\n"),
            new ArchiveEntry("lib/empty.so", []));
        byte[] tarBz2 = TestPackages.Write(PackageFormat.TarBz2, entries);
        using var conda = new MemoryStream();

        await PackageWriter.ConvertTarBz2ToCondaAsync(new ForwardOnlyStream(new MemoryStream(tarBz2)), conda, TestPackages.BaseName, CancellationToken.None);

        List<MemberSummary> original = ArchiveInspector.ListTarBz2(new MemoryStream(tarBz2));
        (List<MemberSummary> info, List<MemberSummary> pkg, var zipEntries) = ArchiveInspector.ListConda(new MemoryStream(conda.ToArray()));
        Assert.Equal(original.FindAll(m => m.Name.StartsWith("info/", StringComparison.Ordinal)), info);
        Assert.Equal(original.FindAll(m => !m.Name.StartsWith("info/", StringComparison.Ordinal)), pkg);
        Assert.Equal(
            ["metadata.json", "pkg-test-package-0.1-0.tar.zst", "info-test-package-0.1-0.tar.zst"],
            zipEntries.ConvertAll(e => e.FullName));
        Assert.Contains(pkg, m => m.Name == "bin/tool" && m.ModifiedSeconds == time.ToUnixTimeSeconds() && m.Mode == (UnixFileMode)0b111_101_101);

        PackageMetadata fromConda = await TestPackages.Read(conda.ToArray(), PackageFormat.Conda);
        PackageMetadata fromTarBz2 = await TestPackages.Read(tarBz2, PackageFormat.TarBz2);
        Assert.Equal(fromTarBz2.Index.ToJsonString(), fromConda.Index.ToJsonString());
        Assert.Equal(fromTarBz2.Files, fromConda.Files);
        Assert.Equal(fromTarBz2.Icon, fromConda.Icon);
    }

    [Fact]
    public async Task Refuses_what_the_reader_refuses()
    {
        byte[] evil = TestPackages.Write(PackageFormat.TarBz2, TestPackages.EntriesWith(ArchiveEntry.SymbolicLink("bin/passwd", "../../etc/passwd")));

        InvalidPackageException e = await Assert.ThrowsAsync<InvalidPackageException>(() =>
            PackageWriter.ConvertTarBz2ToCondaAsync(new MemoryStream(evil), new MemoryStream(), TestPackages.BaseName, CancellationToken.None));
        Assert.Equal("symlink 'bin/passwd' points outside the package: '../../etc/passwd'", e.Message);

        e = await Assert.ThrowsAsync<InvalidPackageException>(() =>
            PackageWriter.ConvertTarBz2ToCondaAsync(new MemoryStream("PK"u8.ToArray()), new MemoryStream(), TestPackages.BaseName, CancellationToken.None));
        Assert.Equal("not a bzip2 file", e.Message);

        byte[] whole = TestPackages.Write(PackageFormat.TarBz2, TestPackages.Entries());
        e = await Assert.ThrowsAsync<InvalidPackageException>(() =>
            PackageWriter.ConvertTarBz2ToCondaAsync(new MemoryStream(whole[..(whole.Length / 2)]), new MemoryStream(), TestPackages.BaseName, CancellationToken.None));
        Assert.Equal("truncated archive", e.Message);
    }
}
