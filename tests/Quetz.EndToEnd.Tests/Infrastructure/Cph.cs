namespace Quetz.EndToEnd.Tests.Infrastructure;

/// <summary>Debian's conda-package-handling (<c>cph</c>), the extractor conda itself uses, reading what we serve.</summary>
public static class Cph
{
    /// <summary>Extracts <paramref name="archive"/> (its name must end in .tar.bz2 or .conda) into <paramref name="destination"/>.</summary>
    public static async Task ExtractAsync(string archive, string destination)
    {
        var result = await ExternalProcess.RunAsync("cph", ["x", archive, "--dest", destination], Path.GetDirectoryName(archive)!,
            timeout: TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, $"cph x {archive} failed: {result}");
    }

    /// <summary>Every regular file under <paramref name="directory"/>, by its relative path with '/' separators.</summary>
    public static SortedDictionary<string, byte[]> Files(string directory) =>
        new(Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f).Replace('\\', '/'), File.ReadAllBytes), StringComparer.Ordinal);
}
