using System.Net;
using System.Text.Json;
using Quetz.Conda.Repodata;

namespace Quetz.Plugins.RepodataPatching.Tests;

/// <summary>Reads a channel's published files over /get, waiting for the asynchronous index builds.</summary>
public static class Published
{
    public static async Task<byte[]?> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsByteArrayAsync() : null;
    }

    /// <summary>Polls a JSON file until <paramref name="ready"/> holds; returns the bytes it held then.</summary>
    public static async Task<byte[]> WaitForJsonAsync(HttpClient client, string path, Func<JsonElement, bool> ready)
    {
        byte[]? last = null;
        for (var attempt = 0; attempt < 600; attempt++)
        {
            last = await GetAsync(client, path);
            if (last is not null && ready(JsonDocument.Parse(last).RootElement))
            {
                return last;
            }

            await Task.Delay(50);
        }

        var seen = last is null ? "nothing" : System.Text.Encoding.UTF8.GetString(last);
        throw new TimeoutException($"{path} never reached the expected state; last seen: {seen}");
    }

    /// <summary>
    /// Polls until the compressed sibling <paramref name="path"/>+<paramref name="extension"/> holds exactly the bytes
    /// of <paramref name="path"/> (siblings are written just after the JSON), and returns them.
    /// </summary>
    public static async Task<byte[]> WaitForSiblingAsync(HttpClient client, string path, string extension)
    {
        byte[]? json = null;
        byte[]? unpacked = null;
        for (var attempt = 0; attempt < 600; attempt++)
        {
            json = await GetAsync(client, path);
            if (json is not null && await GetAsync(client, path + extension) is { } compressed)
            {
                using var input = RepodataCompression.Decompress(new MemoryStream(compressed), extension);
                using var output = new MemoryStream();
                await input.CopyToAsync(output);
                unpacked = output.ToArray();
                if (unpacked.AsSpan().SequenceEqual(json))
                {
                    return unpacked;
                }
            }

            await Task.Delay(50);
        }

        Assert.Equal(json, unpacked);
        throw new TimeoutException($"{path}{extension} never matched {path}");
    }

    public static JsonElement Json(byte[] bytes) => JsonDocument.Parse(bytes).RootElement.Clone();

    public static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
