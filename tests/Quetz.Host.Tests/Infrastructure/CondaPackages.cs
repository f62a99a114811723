using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Quetz.Conda.Archives;

namespace Quetz.Host.Tests.Infrastructure;

/// <summary>Tiny conda packages built in the test (no binaries in the repository), like quetz's test data.</summary>
public static class CondaPackages
{
    /// <summary>A package; <paramref name="runExports"/> is the text of its <c>info/run_exports.json</c>, none when null.</summary>
    public static async Task<byte[]> BuildAsync(string name, string version, string build = "0", string subdir = "linux-64",
        PackageFormat format = PackageFormat.TarBz2, string payload = "hello", string[]? depends = null, string? runExports = null)
    {
        var index = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["arch"] = "x86_64",
            ["build"] = build,
            ["build_number"] = int.Parse(build.Split('_')[^1], CultureInfo.InvariantCulture),
            ["depends"] = depends ?? [],
            ["license"] = "BSD",
            ["name"] = name,
            ["platform"] = "linux",
            ["subdir"] = subdir,
            ["timestamp"] = 1599839787252,
            ["version"] = version,
        });
        ArchiveEntry[] entries =
        [
            ArchiveEntry.Text("info/index.json", index),
            ArchiveEntry.Text("info/about.json", $$"""{"home": "https://example.org/{{name}}", "license": "BSD", "summary": "{{name}} summary"}"""),
            ArchiveEntry.Text("info/files", $"share/{name}/payload.txt\n"),
            ArchiveEntry.Text($"share/{name}/payload.txt", payload),
            .. runExports is null ? Array.Empty<ArchiveEntry>() : [ArchiveEntry.Text("info/run_exports.json", runExports)],
        ];
        using var output = new MemoryStream();
        if (format == PackageFormat.Conda)
        {
            await PackageWriter.WriteCondaAsync(output, $"{name}-{version}-{build}", entries, CancellationToken.None);
        }
        else
        {
            await PackageWriter.WriteTarBz2Async(output, entries, CancellationToken.None);
        }

        return output.ToArray();
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>What quetz-client, rattler-build and pixi send: the raw file, no Content-Type.</summary>
    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, string channel, string fileName, byte[] content, bool force = false,
        string? sha256 = null)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = null;
        var query = $"?force={(force ? "True" : "False")}&sha256={sha256 ?? Sha256(content)}";
        return client.PostAsync($"/api/channels/{channel}/upload/{fileName}{query}", body);
    }

    /// <summary>What the legacy client and the frontend send: multipart parts named "files", optional "force".</summary>
    public static Task<HttpResponseMessage> PostFilesAsync(HttpClient client, string path, IEnumerable<(string FileName, byte[] Content)> files, bool? force = null)
    {
        var form = new MultipartFormDataContent();
        foreach (var (fileName, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", fileName);
        }

        if (force is { } f)
        {
            form.Add(new StringContent(f ? "true" : "false"), "force");
        }

        return client.PostAsync(path, form);
    }
}
