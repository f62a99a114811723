using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using Quetz.Conda.Archives;

namespace Quetz.Conda.Tests.Archives;

/// <summary>
/// Interoperability with conda's own implementation, conda-package-handling (<c>cph</c>, Python; Debian package
/// <c>conda-package-handling</c>): what we write, it extracts to the expected files; what it creates and
/// transmutes, we read.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class CphInteropTests : IDisposable
{
    private const string Install = "apt-get install conda-package-handling (Debian 12 provides cph 2.0.1)";
    private readonly string _work = Directory.CreateTempSubdirectory("quetz-cph-").FullName;
    private readonly string _cph = ExternalTool.Require("cph", Install);

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Theory]
    [InlineData(PackageFormat.TarBz2)]
    [InlineData(PackageFormat.Conda)]
    public async Task Cph_extracts_what_we_write(PackageFormat format)
    {
        string archive = Path.Combine(_work, TestPackages.BaseName + PackageFileName.ExtensionOf(format));
        await using (var output = File.Create(archive))
        {
            Task write = format == PackageFormat.TarBz2
                ? PackageWriter.WriteTarBz2Async(output, TestPackages.Entries(), CancellationToken.None)
                : PackageWriter.WriteCondaAsync(output, TestPackages.BaseName, TestPackages.Entries(), CancellationToken.None);
            await write;
        }

        string extracted = Path.Combine(_work, "extracted");
        await ExternalTool.RunAsync(_cph, _work, "x", archive, "--dest", extracted);

        Assert.Equal(Expected(TestPackages.Entries()), Tree(extracted));
        Assert.True(File.GetUnixFileMode(Path.Combine(extracted, "bin/test-script")).HasFlag(UnixFileMode.UserExecute));
    }

    [Fact]
    public async Task Cph_extracts_our_conversion_like_the_original()
    {
        string tarBz2 = Path.Combine(_work, TestPackages.BaseName + ".tar.bz2");
        await File.WriteAllBytesAsync(tarBz2, TestPackages.Write(PackageFormat.TarBz2, TestPackages.Entries()));
        string conda = Path.Combine(_work, TestPackages.BaseName + ".conda");
        await using (var input = File.OpenRead(tarBz2))
        await using (var output = File.Create(conda))
        {
            await PackageWriter.ConvertTarBz2ToCondaAsync(input, output, TestPackages.BaseName, CancellationToken.None);
        }

        await ExternalTool.RunAsync(_cph, _work, "x", tarBz2, "--dest", Path.Combine(_work, "from-tar-bz2"));
        await ExternalTool.RunAsync(_cph, _work, "x", conda, "--dest", Path.Combine(_work, "from-conda"));

        Assert.Equal(Tree(Path.Combine(_work, "from-tar-bz2")), Tree(Path.Combine(_work, "from-conda")));
        Assert.Equal(Expected(TestPackages.Entries()), Tree(Path.Combine(_work, "from-conda")));
    }

    [Theory]
    [InlineData(PackageFormat.TarBz2)]
    [InlineData(PackageFormat.Conda)]
    public async Task We_read_what_cph_creates(PackageFormat format)
    {
        string prefix = Path.Combine(_work, "prefix");
        Materialize(prefix, TestPackages.Entries());
        string outFolder = Path.Combine(_work, "out");
        Directory.CreateDirectory(outFolder);
        string fileName = TestPackages.BaseName + PackageFileName.ExtensionOf(format);

        await ExternalTool.RunAsync(_cph, _work, "c", prefix, fileName, "--out-folder", outFolder);

        PackageMetadata metadata = await PackageReader.ReadFileAsync(Path.Combine(outFolder, fileName), null, CancellationToken.None);
        AssertTestPackage(metadata);
    }

    [Fact]
    public async Task We_read_what_cph_transmutes_from_our_tar_bz2()
    {
        string tarBz2 = Path.Combine(_work, TestPackages.BaseName + ".tar.bz2");
        await File.WriteAllBytesAsync(tarBz2, TestPackages.Write(PackageFormat.TarBz2, TestPackages.Entries()));
        string outFolder = Path.Combine(_work, "out");
        Directory.CreateDirectory(outFolder);

        await ExternalTool.RunAsync(_cph, _work, "t", tarBz2, ".conda", "--out-folder", outFolder, "--zstd-compression-level", "3");

        PackageMetadata metadata = await PackageReader.ReadFileAsync(Path.Combine(outFolder, TestPackages.BaseName + ".conda"), null, CancellationToken.None);
        AssertTestPackage(metadata);
    }

    private static void AssertTestPackage(PackageMetadata metadata)
    {
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(TestPackages.IndexJson), metadata.Index));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(TestPackages.AboutJson), metadata.About));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(TestPackages.RunExportsJson), metadata.RunExports));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(TestPackages.PathsJson), metadata.Paths));
        Assert.Equal(["bin/test-link", "bin/test-script", "share/test-package/data.txt"], metadata.Files);
        Assert.Equal(TestPackages.Icon, metadata.Icon);
        Assert.Equal("linux-64", metadata.Subdir);
    }

    private static void Materialize(string root, List<ArchiveEntry> entries)
    {
        foreach (ArchiveEntry entry in entries)
        {
            string path = Path.Combine(root, entry.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (entry.Kind == ArchiveEntryKind.SymbolicLink)
            {
                File.CreateSymbolicLink(path, entry.LinkTarget!);
            }
            else
            {
                File.WriteAllBytes(path, entry.Content);
                if (entry.Mode is { } mode)
                {
                    File.SetUnixFileMode(path, mode);
                }
            }
        }
    }

    // Relative path -> "file:<base64>" or "link:<target>", for every file and symlink under root.
    private static SortedDictionary<string, string> Tree(string root)
    {
        var tree = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            var info = new FileInfo(path);
            string relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (info.LinkTarget is { } target)
            {
                tree[relative] = "link:" + target;
            }
            else if (!info.Attributes.HasFlag(FileAttributes.Directory))
            {
                tree[relative] = "file:" + Convert.ToBase64String(File.ReadAllBytes(path));
            }
        }

        return tree;
    }

    private static SortedDictionary<string, string> Expected(List<ArchiveEntry> entries)
    {
        var tree = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (ArchiveEntry entry in entries)
        {
            tree[entry.Path] = entry.Kind == ArchiveEntryKind.SymbolicLink ? "link:" + entry.LinkTarget : "file:" + Convert.ToBase64String(entry.Content);
        }

        return tree;
    }
}
