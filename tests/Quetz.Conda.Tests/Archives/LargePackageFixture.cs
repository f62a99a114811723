using System.Diagnostics;
using System.Text;
using Quetz.Conda.Archives;

namespace Quetz.Conda.Tests.Archives;

/// <summary>
/// A package of about 70 MB unpacked (a ~50 MB .tar.bz2): 2,000 small text files, 40 larger text files and
/// 12 incompressible binaries, written once to a temporary directory as .tar.bz2 and .conda.
/// </summary>
public sealed class LargePackageFixture : IDisposable
{
    public LargePackageFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("quetz-large-").FullName;
        var random = new Random(20240426);
        string[] words = ["conda", "package", "quetz", "channel", "build", "version", "index", "repodata", "mamba", "subdir", "noarch", "linux", "archive", "stream"];
        List<ArchiveEntry> entries = TestPackages.Entries();
        for (int i = 0; i < 2000; i++)
        {
            entries.Add(new ArchiveEntry($"lib/python3.12/site-packages/big/module{i:D4}.py", Text(random, words, 2_000 + random.Next(2_000))));
        }

        for (int i = 0; i < 40; i++)
        {
            entries.Add(new ArchiveEntry($"share/big/doc{i:D2}.txt", Text(random, words, 500_000)));
        }

        for (int i = 0; i < 12; i++)
        {
            byte[] binary = new byte[3_500_000];
            random.NextBytes(binary);
            entries.Add(new ArchiveEntry($"lib/libbig{i:D2}.so", binary) { Mode = (UnixFileMode)0b111_101_101 });
        }

        long unpacked = 0;
        foreach (ArchiveEntry entry in entries)
        {
            unpacked += entry.Content.Length;
        }

        UnpackedBytes = unpacked;
        var watch = Stopwatch.StartNew();
        TarBz2Path = Path.Combine(Directory, TestPackages.BaseName + ".tar.bz2");
        using (var output = File.Create(TarBz2Path))
        {
            PackageWriter.WriteTarBz2Async(output, entries, CancellationToken.None).GetAwaiter().GetResult();
        }

        TarBz2WriteTime = watch.Elapsed;
        watch.Restart();
        CondaPath = Path.Combine(Directory, TestPackages.BaseName + ".conda");
        using (var output = File.Create(CondaPath))
        {
            PackageWriter.WriteCondaAsync(output, TestPackages.BaseName, entries, TestPackages.FastOptions, CancellationToken.None).GetAwaiter().GetResult();
        }

        CondaWriteTime = watch.Elapsed;
    }

    public string Directory { get; }

    public string TarBz2Path { get; }

    public string CondaPath { get; }

    public long UnpackedBytes { get; }

    public TimeSpan TarBz2WriteTime { get; }

    public TimeSpan CondaWriteTime { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static byte[] Text(Random random, string[] words, int length)
    {
        var text = new StringBuilder(length + 32);
        while (text.Length < length)
        {
            text.Append(words[random.Next(words.Length)]).Append(random.Next(10) == 0 ? '\n' : ' ');
            if (random.Next(8) == 0)
            {
                text.Append(random.Next(100_000));
            }
        }

        return Encoding.ASCII.GetBytes(text.ToString(0, length));
    }
}
