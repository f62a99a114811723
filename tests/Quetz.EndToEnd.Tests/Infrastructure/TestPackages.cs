using System.Text.Json;
using Quetz.Conda.Archives;

namespace Quetz.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A conda package built in the test: its file name, the bytes uploaded, the payload files put in it, and every file
/// of the archive (payload and info/) by path.
/// </summary>
public sealed record TestPackage(string Name, string Version, string Subdir, string FileName, byte[] Content,
    IReadOnlyDictionary<string, byte[]> Payload, IReadOnlyDictionary<string, byte[]> Files)
{
    public string Sha256 => Quetz.Host.Tests.Infrastructure.CondaPackages.Sha256(Content);
}

/// <summary>Small but complete conda packages, as conda-build lays them out (noarch ones as <c>noarch: generic</c>).</summary>
public static class TestPackages
{
    /// <summary>A fixed build time, so the same inputs give the same bytes.</summary>
    private const long Timestamp = 1_700_000_000_000;

    public static async Task<TestPackage> BuildAsync(string name, string version, string subdir, PackageFormat format,
        string[]? depends = null, IReadOnlyDictionary<string, byte[]>? payload = null, string build = "0")
    {
        payload ??= new Dictionary<string, byte[]> { [$"share/{name}/payload.txt"] = System.Text.Encoding.UTF8.GetBytes($"{name} {version}\n") };
        var noarch = subdir == "noarch";
        var index = new Dictionary<string, object?>
        {
            ["arch"] = noarch ? null : "x86_64",
            ["build"] = build,
            ["build_number"] = 0,
            ["depends"] = depends ?? [],
            ["license"] = "BSD-3-Clause",
            ["name"] = name,
            ["platform"] = noarch ? null : "linux",
            ["subdir"] = subdir,
            ["timestamp"] = Timestamp,
            ["version"] = version,
        };
        if (noarch)
        {
            index["noarch"] = "generic";
        }

        var paths = payload.Keys.Order(StringComparer.Ordinal).ToArray();
        List<ArchiveEntry> entries =
        [
            new("info/index.json", JsonSerializer.SerializeToUtf8Bytes(index)),
            ArchiveEntry.Text("info/about.json", JsonSerializer.Serialize(new { home = $"https://example.org/{name}", license = "BSD-3-Clause", summary = $"{name} for the end-to-end tests" })),
            ArchiveEntry.Text("info/files", string.Concat(paths.Select(p => p + "\n"))),
            ArchiveEntry.Text("info/paths.json", JsonSerializer.Serialize(new
            {
                paths = paths.Select(p => new
                {
                    _path = p,
                    path_type = "hardlink",
                    sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(payload[p])),
                    size_in_bytes = payload[p].Length,
                }),
                paths_version = 1,
            })),
            .. paths.Select(p => new ArchiveEntry(p, payload[p])),
        ];

        var baseName = $"{name}-{version}-{build}";
        using var output = new MemoryStream();
        if (format == PackageFormat.Conda)
        {
            await PackageWriter.WriteCondaAsync(output, baseName, entries, CancellationToken.None);
        }
        else
        {
            await PackageWriter.WriteTarBz2Async(output, entries, CancellationToken.None);
        }

        var fileName = baseName + (format == PackageFormat.Conda ? ".conda" : ".tar.bz2");
        var files = entries.ToDictionary(e => e.Path, e => e.Content, StringComparer.Ordinal);
        return new TestPackage(name, version, subdir, fileName, output.ToArray(), payload, files);
    }
}
