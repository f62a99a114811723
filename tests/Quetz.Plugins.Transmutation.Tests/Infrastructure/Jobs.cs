using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Plugins.Transmutation.Tests.Infrastructure;

/// <summary>Starts quetz jobs through <c>POST /api/jobs</c> and waits for them as a client would, by polling.</summary>
public static class Jobs
{
    public const string Manifest = "quetz-transmutation:transmutation";

    /// <summary>Runs the transmutation job over <paramref name="itemsSpec"/> and returns its final status.</summary>
    public static async Task<(int Id, string Status)> RunAsync(HttpClient client, string itemsSpec)
    {
        var created = await HttpAssert.StatusAsync(HttpStatusCode.Created,
            await client.PostAsJsonAsync("/api/jobs", new { items_spec = itemsSpec, manifest = Manifest }));
        var id = created.GetProperty("id").GetInt32();
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var job = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync($"/api/jobs/{id}"));
            var status = job.GetProperty("status").GetString()!;
            if (status is "success" or "failed")
            {
                return (id, status);
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"job {id} never finished");
    }

    /// <summary>Every task of the job with its file name and status.</summary>
    public static async Task<Dictionary<string, string>> TasksAsync(HttpClient client, int jobId)
    {
        var statuses = string.Join('&', new[] { "created", "pending", "running", "success", "failed", "skipped" }.Select(s => "status=" + s));
        var page = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync($"/api/jobs/{jobId}/tasks?{statuses}"));
        return page.GetProperty("result").EnumerateArray().ToDictionary(
            t => t.GetProperty("package_version").GetProperty("filename").GetString()!,
            t => t.GetProperty("status").GetString()!);
    }

    /// <summary>The files of a package in the channel, by file name, as the versions API lists them.</summary>
    public static async Task<Dictionary<string, JsonElement>> VersionsAsync(HttpClient client, string channel, string package)
    {
        var versions = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync($"/api/channels/{channel}/packages/{package}/versions"));
        return versions.EnumerateArray().ToDictionary(v => v.GetProperty("filename").GetString()!, v => v);
    }
}
