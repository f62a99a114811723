using System.Net;
using System.Security.Cryptography;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Our real server (SQLite, on a free port on 127.0.0.1, as the HTTP tests start it) with a log of the requests
/// it answered, and the steps every end-to-end test takes: upload through the HTTP routes, wait for the index,
/// download what a client chose and check it against the record.
/// </summary>
public sealed class CondaServer : IAsyncLifetime
{
    public SqliteQuetzServer Quetz { get; } = new();

    public RequestLog Requests { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Quetz.InitializeAsync();

        Requests = new RequestLog(Quetz.BaseAddress.Port);
    }

    public async Task DisposeAsync()
    {
        Requests?.Dispose();
        await Quetz.DisposeAsync();
    }

    /// <summary>The channel URL a conda user configures: <c>http://127.0.0.1:PORT/get/CHANNEL</c>.</summary>
    public string ChannelUrl(string channel) => new Uri(Quetz.BaseAddress, $"/get/{channel}").ToString();

    /// <summary>The channel URL with the API key in the path, as conda writes it: <c>…/t/KEY/get/CHANNEL</c>.</summary>
    public string ChannelUrl(string channel, string key) => new Uri(Quetz.BaseAddress, $"/t/{key}/get/{channel}").ToString();

    /// <summary>
    /// Uploads as alice: the raw route (what quetz-client, rattler-build and pixi send) or the multipart
    /// <c>/files</c> route (the legacy client and the frontend).
    /// </summary>
    public async Task UploadAsync(string channel, TestPackage package, bool multipart = false, bool force = false)
    {
        using var alice = Quetz.WithKey(Quetz.AliceKey);
        var response = multipart
            ? await CondaPackages.PostFilesAsync(alice, $"/api/channels/{channel}/files/", [(package.FileName, package.Content)], force)
            : await CondaPackages.UploadAsync(alice, channel, package.FileName, package.Content, force);
        await HttpAssert.StatusAsync(HttpStatusCode.Created, response);
    }

    /// <summary>
    /// Waits until every package is in its subdir's repodata.json with the sha256 of these bytes (indexing runs after
    /// the upload's 201; a forced re-upload replaces the record).
    /// </summary>
    public async Task WaitForIndexAsync(string channel, params TestPackage[] packages)
    {
        using var alice = Quetz.WithKey(Quetz.AliceKey);
        foreach (var subdir in packages.GroupBy(p => p.Subdir))
        {
            await Repodata.WaitForAsync(alice, channel, subdir.Key, r => subdir.All(p =>
                r.GetProperty(Key(p.FileName)).TryGetProperty(p.FileName, out var record) && record.GetProperty("sha256").GetString() == p.Sha256));
        }
    }

    /// <summary>Waits until none of <paramref name="fileNames"/> is in the subdir's repodata.json any more.</summary>
    public async Task WaitForRemovalAsync(string channel, string subdir, params string[] fileNames)
    {
        using var alice = Quetz.WithKey(Quetz.AliceKey);
        await Repodata.WaitForAsync(alice, channel, subdir, r => fileNames.All(f => !Repodata.Has(r, Key(f), f)));
    }

    private static string Key(string fileName) => fileName.EndsWith(".conda", StringComparison.Ordinal) ? "packages.conda" : "packages";

    /// <summary>Downloads a chosen record from its URL as the client would (no credentials but those in the URL) and checks size and sha256.</summary>
    public static async Task<byte[]> DownloadAsync(SolvedRecord record)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        var response = await client.GetAsync(new Uri(record.Url));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {record.Url}: {(int)response.StatusCode}");
        var content = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(record.Size, content.Length);
        Assert.Equal(record.Sha256, Convert.ToHexStringLower(SHA256.HashData(content)));
        Assert.Equal(record.Md5, Convert.ToHexStringLower(MD5.HashData(content)));
        return content;
    }
}
