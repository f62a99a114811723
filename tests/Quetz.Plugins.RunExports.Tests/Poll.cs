using System.Net;

namespace Quetz.Plugins.RunExports.Tests;

/// <summary>Waits for what background jobs publish: post-upload hooks and the deferred index files run after the upload's 201.</summary>
public static class Poll
{
    /// <summary>GETs <paramref name="path"/> until it answers 200 with a body for which <paramref name="ready"/> holds; returns that body.</summary>
    public static async Task<byte[]> UntilAsync(HttpClient client, string path, Func<byte[], bool> ready)
    {
        var last = "";
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode == HttpStatusCode.OK && ready(body))
            {
                return body;
            }

            last = $"{(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}";
            await Task.Delay(100);
        }

        throw new TimeoutException($"{path} never reached the expected state; last answer: {last}");
    }

    /// <summary>GETs <paramref name="path"/> until it answers <paramref name="status"/>.</summary>
    public static async Task StatusAsync(HttpClient client, string path, HttpStatusCode status)
    {
        var last = HttpStatusCode.OK;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            last = (await client.GetAsync(path)).StatusCode;
            if (last == status)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{path} never answered {(int)status}; last answer: {(int)last}");
    }
}
