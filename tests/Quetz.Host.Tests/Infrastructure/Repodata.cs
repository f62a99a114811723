using System.Net;
using System.Text.Json;

namespace Quetz.Host.Tests.Infrastructure;

/// <summary>Reads a channel's published repodata over /get, waiting for the asynchronous index build.</summary>
public static class Repodata
{
    public static async Task<JsonElement> GetAsync(HttpClient client, string channel, string subdir)
    {
        var response = await client.GetAsync($"/get/{channel}/{subdir}/repodata.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Polls until <paramref name="ready"/> holds (indexing runs after the upload's 201).</summary>
    public static async Task<JsonElement> WaitForAsync(HttpClient client, string channel, string subdir, Func<JsonElement, bool> ready)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var response = await client.GetAsync($"/get/{channel}/{subdir}/repodata.json");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var repodata = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                if (ready(repodata))
                {
                    return repodata;
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{channel}/{subdir}/repodata.json never reached the expected state");
    }

    public static bool Has(JsonElement repodata, string key, string fileName) =>
        repodata.GetProperty(key).TryGetProperty(fileName, out _);
}
