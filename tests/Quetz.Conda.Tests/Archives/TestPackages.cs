using System.Security.Cryptography;
using System.Text;
using Quetz.Conda.Archives;

namespace Quetz.Conda.Tests.Archives;

/// <summary>Package fixtures built in code: the tiny <c>test-package-0.1-0</c> and helpers to write and break archives.</summary>
internal static class TestPackages
{
    public const string BaseName = "test-package-0.1-0";

    public const string IndexJson =
        """{"arch":"x86_64","build":"0","build_number":0,"depends":[],"license":"BSD","license_family":"BSD","name":"test-package","platform":"linux","subdir":"linux-64","timestamp":1599839787252,"version":"0.1"}""";

    public const string AboutJson =
        """{"description":"A package for tests.","home":"https://github.com/mamba-org/quetz","keywords":["test"],"license":"BSD","summary":"A test package"}""";

    public const string RunExportsJson = """{"weak":["test-package >=0.1,<0.2.0a0"]}""";

    public const string Script = "#!/bin/sh\necho test-package\n";

    public const string Data = "some data\n";

    /// <summary>A valid 1×1 PNG.</summary>
    public static readonly byte[] Icon = System.Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    public static readonly PackageWriterOptions FastOptions = new() { ZstdLevel = 3 };

    public static string PathsJson => $$"""
        {"paths":[{"_path":"bin/test-link","path_type":"softlink","sha256":"{{Sha256(Script)}}","size_in_bytes":{{Script.Length}}},{"_path":"bin/test-script","path_type":"hardlink","sha256":"{{Sha256(Script)}}","size_in_bytes":{{Script.Length}}},{"_path":"share/test-package/data.txt","path_type":"hardlink","sha256":"{{Sha256(Data)}}","size_in_bytes":{{Data.Length}}}],"paths_version":1}
        """;

    public const string FilesList = "bin/test-link\nbin/test-script\nshare/test-package/data.txt\n";

    /// <summary>The members of test-package-0.1-0.</summary>
    public static List<ArchiveEntry> Entries() =>
    [
        ArchiveEntry.Text("info/index.json", IndexJson),
        ArchiveEntry.Text("info/about.json", AboutJson),
        ArchiveEntry.Text("info/run_exports.json", RunExportsJson),
        ArchiveEntry.Text("info/paths.json", PathsJson),
        ArchiveEntry.Text("info/files", FilesList),
        new ArchiveEntry("info/icon.png", Icon),
        ArchiveEntry.Text("bin/test-script", Script) with { Mode = (UnixFileMode)0b111_101_101 },
        ArchiveEntry.SymbolicLink("bin/test-link", "test-script"),
        ArchiveEntry.Text("share/test-package/data.txt", Data),
    ];

    /// <summary>test-package's members with some replaced (same path) or added.</summary>
    public static List<ArchiveEntry> EntriesWith(params ArchiveEntry[] changes)
    {
        List<ArchiveEntry> entries = Entries();
        foreach (ArchiveEntry change in changes)
        {
            entries.RemoveAll(e => e.Path == change.Path);
            entries.Add(change);
        }

        return entries;
    }

    /// <summary>test-package's members without the given paths.</summary>
    public static List<ArchiveEntry> EntriesWithout(params string[] paths)
    {
        List<ArchiveEntry> entries = Entries();
        entries.RemoveAll(e => paths.Contains(e.Path));
        return entries;
    }

    public static byte[] Write(PackageFormat format, IEnumerable<ArchiveEntry> entries, PackageWriterOptions? options = null)
    {
        using var output = new MemoryStream();
        Task write = format == PackageFormat.TarBz2
            ? PackageWriter.WriteTarBz2Async(output, entries, options ?? PackageWriterOptions.Default, CancellationToken.None)
            : PackageWriter.WriteCondaAsync(output, BaseName, entries, options ?? FastOptions, CancellationToken.None);
        write.GetAwaiter().GetResult();
        return output.ToArray();
    }

    public static Task<PackageMetadata> Read(byte[] archive, PackageFormat format, ArchiveLimits? limits = null) =>
        PackageReader.ReadAsync(new MemoryStream(archive, writable: false), format, limits, CancellationToken.None);

    public static string Sha256(string text) => System.Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
