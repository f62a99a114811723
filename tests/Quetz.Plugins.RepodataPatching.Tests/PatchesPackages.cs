using System.Text.Json;
using Quetz.Conda.Archives;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Plugins.RepodataPatching.Tests;

/// <summary>Builds a channel's <c>{channel}-repodata-patches</c> package, as conda-forge's feedstock does, and uploads it.</summary>
public static class PatchesPackages
{
    /// <param name="instructions">Per subdir, the text of its <c>patch_instructions.json</c>.</param>
    public static async Task<(string FileName, byte[] Content)> BuildAsync(string channel, string version, IReadOnlyDictionary<string, string> instructions,
        PackageFormat format = PackageFormat.TarBz2)
    {
        var name = channel + "-repodata-patches";
        var index = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["build"] = "0",
            ["build_number"] = 0,
            ["depends"] = Array.Empty<string>(),
            ["license"] = "BSD-3-Clause",
            ["name"] = name,
            ["noarch"] = "generic",
            ["subdir"] = "noarch",
            ["timestamp"] = 1700000000000,
            ["version"] = version,
        });
        List<ArchiveEntry> entries =
        [
            ArchiveEntry.Text("info/index.json", index),
            ArchiveEntry.Text("info/files", string.Join('\n', instructions.Keys.Select(s => $"{s}/patch_instructions.json")) + "\n"),
        ];
        entries.AddRange(instructions.Select(i => ArchiveEntry.Text($"{i.Key}/patch_instructions.json", i.Value)));
        using var output = new MemoryStream();
        var baseName = $"{name}-{version}-0";
        if (format == PackageFormat.Conda)
        {
            await PackageWriter.WriteCondaAsync(output, baseName, entries, CancellationToken.None);
        }
        else
        {
            await PackageWriter.WriteTarBz2Async(output, entries, CancellationToken.None);
        }

        return (baseName + PackageFileName.ExtensionOf(format), output.ToArray());
    }

    public static async Task<string> UploadAsync(HttpClient client, string channel, string version, IReadOnlyDictionary<string, string> instructions,
        PackageFormat format = PackageFormat.TarBz2)
    {
        var (fileName, content) = await BuildAsync(channel, version, instructions, format);
        await HttpAssert.StatusAsync(System.Net.HttpStatusCode.Created, await CondaPackages.UploadAsync(client, channel, fileName, content));
        return fileName;
    }
}
