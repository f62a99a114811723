using System.Text.Json.Nodes;
using Quetz.Conda.Archives;

namespace Quetz.Conda.Tests.Archives;

public class PackageReaderTests
{
    public static TheoryData<PackageFormat> Formats => [PackageFormat.TarBz2, PackageFormat.Conda];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Reads_back_what_the_writer_wrote(PackageFormat format)
    {
        byte[] archive = TestPackages.Write(format, TestPackages.Entries());

        PackageMetadata metadata = await TestPackages.Read(archive, format);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(TestPackages.IndexJson), metadata.Index));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(TestPackages.AboutJson), metadata.About));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(TestPackages.RunExportsJson), metadata.RunExports));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(TestPackages.PathsJson), metadata.Paths));
        Assert.Equal(["bin/test-link", "bin/test-script", "share/test-package/data.txt"], metadata.Files);
        Assert.Equal(TestPackages.Icon, metadata.Icon);
        Assert.Equal("test-package", metadata.Name);
        Assert.Equal("0.1", metadata.Version);
        Assert.Equal("0", metadata.Build);
        Assert.Equal(0, metadata.BuildNumber);
        Assert.Equal("linux-64", metadata.Subdir);
        Assert.Equal("test-package-0.1-0" + PackageFileName.ExtensionOf(format), metadata.ExpectedFileName(format));
        Assert.Equal(1599839787252, metadata.Index["timestamp"]!.GetValue<long>());
    }

    [Fact]
    public async Task Reads_a_tar_bz2_from_a_forward_only_stream()
    {
        byte[] archive = TestPackages.Write(PackageFormat.TarBz2, TestPackages.Entries());
        var forwardOnly = new ForwardOnlyStream(new MemoryStream(archive));

        PackageMetadata metadata = await PackageReader.ReadAsync(forwardOnly, PackageFormat.TarBz2, null, CancellationToken.None);

        Assert.Equal("test-package", metadata.Name);
        Assert.Equal(archive.Length, forwardOnly.BytesRead);
    }

    [Fact]
    public async Task A_conda_needs_a_seekable_stream()
    {
        byte[] archive = TestPackages.Write(PackageFormat.Conda, TestPackages.Entries());

        await Assert.ThrowsAsync<ArgumentException>(() =>
            PackageReader.ReadAsync(new ForwardOnlyStream(new MemoryStream(archive)), PackageFormat.Conda, null, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Optional_members_may_be_missing(PackageFormat format)
    {
        byte[] archive = TestPackages.Write(format, TestPackages.EntriesWithout(
            "info/about.json", "info/run_exports.json", "info/paths.json", "info/files", "info/icon.png"));

        PackageMetadata metadata = await TestPackages.Read(archive, format);

        Assert.Null(metadata.About);
        Assert.Null(metadata.RunExports);
        Assert.Null(metadata.Paths);
        Assert.Null(metadata.Icon);
        Assert.Empty(metadata.Files);
    }

    [Fact]
    public async Task Files_fall_back_to_the_paths_of_paths_json()
    {
        byte[] archive = TestPackages.Write(PackageFormat.TarBz2, TestPackages.EntriesWithout("info/files"));

        PackageMetadata metadata = await TestPackages.Read(archive, PackageFormat.TarBz2);

        Assert.Equal(["bin/test-link", "bin/test-script", "share/test-package/data.txt"], metadata.Files);
    }

    [Fact]
    public async Task Files_are_the_non_empty_lines_of_info_files()
    {
        byte[] archive = TestPackages.Write(PackageFormat.TarBz2, TestPackages.EntriesWith(
            ArchiveEntry.Text("info/files", "a\r\nb/c d\n\n")));

        PackageMetadata metadata = await TestPackages.Read(archive, PackageFormat.TarBz2);

        Assert.Equal(["a", "b/c d"], metadata.Files);
    }

    [Theory]
    [InlineData("""{"arch":"x86_64","platform":"osx","build":"0","build_number":3,"name":"old","version":"1.0"}""", "osx-64", 3)]
    [InlineData("""{"arch":null,"platform":null,"build":"0","name":"old","version":"1.0"}""", "noarch", 0)]
    [InlineData("""{"build":"0","name":"old","version":"1.0"}""", "noarch", 0)]
    [InlineData("""{"subdir":"win-arm64","arch":"x86_64","platform":"win","build":"0","name":"old","version":"1.0"}""", "win-arm64", 0)]
    public async Task Subdir_follows_quetz_for_old_packages(string index, string subdir, int buildNumber)
    {
        byte[] archive = TestPackages.Write(PackageFormat.TarBz2, TestPackages.EntriesWith(ArchiveEntry.Text("info/index.json", index)));

        PackageMetadata metadata = await TestPackages.Read(archive, PackageFormat.TarBz2);

        Assert.Equal(subdir, metadata.Subdir);
        Assert.Equal(buildNumber, metadata.BuildNumber);
        Assert.False(metadata.Index.ContainsKey("subdir") && subdir != metadata.Index["subdir"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_repeated_json_key_keeps_its_last_value_as_in_python()
    {
        string index = TestPackages.IndexJson.Replace("\"version\":\"0.1\"", "\"version\":\"0.0\",\"version\":\"0.1\"", StringComparison.Ordinal);
        byte[] archive = TestPackages.Write(PackageFormat.TarBz2, TestPackages.EntriesWith(ArchiveEntry.Text("info/index.json", "\uFEFF" + index)));

        PackageMetadata metadata = await TestPackages.Read(archive, PackageFormat.TarBz2);

        Assert.Equal("0.1", metadata.Version);
    }

    [Fact]
    public async Task Members_with_dot_segments_are_normalized()
    {
        List<ArchiveEntry> entries = TestPackages.Entries().ConvertAll(e => e.IsInfo ? e with { Path = "./" + e.Path } : e);
        byte[] archive = TestPackages.Write(PackageFormat.TarBz2, entries);

        PackageMetadata metadata = await TestPackages.Read(archive, PackageFormat.TarBz2);

        Assert.Equal("test-package", metadata.Name);
    }

    [Fact]
    public async Task Symlinks_that_stay_inside_the_package_are_fine()
    {
        byte[] archive = TestPackages.Write(PackageFormat.TarBz2, TestPackages.EntriesWith(
            ArchiveEntry.SymbolicLink("lib/libz.so", "libz.so.1"),
            ArchiveEntry.SymbolicLink("lib/libz.so.1", "libz.so.1.3"),
            new ArchiveEntry("lib/libz.so.1.3", [1, 2, 3]),
            ArchiveEntry.SymbolicLink("x86_64-conda-linux-gnu/sysroot/lib64", "lib"),
            ArchiveEntry.SymbolicLink("bin/up", "../lib/libz.so"),
            ArchiveEntry.SymbolicLink("share/root", ".."),
            ArchiveEntry.HardLink("lib/libz-copy.so.1.3", "lib/libz.so.1.3"),
            ArchiveEntry.Directory("include/")));

        PackageMetadata metadata = await TestPackages.Read(archive, PackageFormat.TarBz2);

        Assert.Equal("test-package", metadata.Name);
    }

    [Fact]
    public async Task Concatenated_bzip2_streams_are_read_as_one_like_pbzip2_output()
    {
        byte[] whole = TestPackages.Write(PackageFormat.TarBz2, TestPackages.Entries());
        using var tar = new MemoryStream();
        using (var bzip2 = new ICSharpCode.SharpZipLib.BZip2.BZip2InputStream(new MemoryStream(whole)))
        {
            bzip2.CopyTo(tar);
        }

        byte[] plain = tar.ToArray();
        using var split = new MemoryStream();
        foreach (byte[] part in new[] { plain[..700], plain[700..] })
        {
            using var bz = new ICSharpCode.SharpZipLib.BZip2.BZip2OutputStream(split) { IsStreamOwner = false };
            bz.Write(part);
        }

        PackageMetadata metadata = await TestPackages.Read(split.ToArray(), PackageFormat.TarBz2);

        Assert.Equal("test-package", metadata.Name);
    }

    [Fact]
    public async Task Cancellation_stops_the_read()
    {
        byte[] archive = TestPackages.Write(PackageFormat.TarBz2, TestPackages.Entries());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            PackageReader.ReadAsync(new MemoryStream(archive), PackageFormat.TarBz2, null, cancelled.Token));
    }

    [Fact]
    public async Task ReadFileAsync_picks_the_format_from_the_extension()
    {
        string directory = Directory.CreateTempSubdirectory("quetz-archive-").FullName;
        try
        {
            foreach (PackageFormat format in new[] { PackageFormat.TarBz2, PackageFormat.Conda })
            {
                string path = Path.Combine(directory, TestPackages.BaseName + PackageFileName.ExtensionOf(format));
                await File.WriteAllBytesAsync(path, TestPackages.Write(format, TestPackages.Entries()));

                PackageMetadata metadata = await PackageReader.ReadFileAsync(path, null, CancellationToken.None);

                Assert.Equal("linux-64", metadata.Subdir);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
