using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Serving;

public abstract class GetServingTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    private static readonly byte[] Repodata = Encoding.UTF8.GetBytes("""{"info":{"subdir":"linux-64"},"packages":{},"packages.conda":{},"repodata_version":1}""");

    [Fact]
    public async Task A_file_is_served_with_length_type_etag_and_cache_control()
    {
        var channel = await server.CreateChannelAsync();
        await server.PutFileAsync(channel, "linux-64/repodata.json", Repodata);
        using var client = server.Anonymous();

        var response = await client.GetAsync($"/get/{channel}/linux-64/repodata.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Repodata, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(Repodata.Length, response.Content.Headers.ContentLength);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromSeconds(36000), response.Headers.CacheControl.MaxAge);

        var again = await client.GetAsync($"/get/{channel}/linux-64/repodata.json");
        Assert.Equal(response.Headers.ETag, again.Headers.ETag);
    }

    [Fact]
    public async Task Conditional_requests_get_304_and_ranges_get_206()
    {
        var channel = await server.CreateChannelAsync();
        await server.PutFileAsync(channel, "noarch/repodata.json", Repodata);
        using var client = server.Anonymous();
        var first = await client.GetAsync($"/get/{channel}/noarch/repodata.json");

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/get/{channel}/noarch/repodata.json");
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);

        using var since = new HttpRequestMessage(HttpMethod.Get, $"/get/{channel}/noarch/repodata.json");
        since.Headers.IfModifiedSince = first.Content.Headers.LastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(since)).StatusCode);

        using var range = new HttpRequestMessage(HttpMethod.Get, $"/get/{channel}/noarch/repodata.json");
        range.Headers.Range = new RangeHeaderValue(0, 7);
        var partial = await client.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(Repodata[..8], await partial.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Json_is_sent_gzipped_from_its_sibling_when_the_client_accepts_it()
    {
        var channel = await server.CreateChannelAsync();
        await server.PutFileAsync(channel, "noarch/repodata.json", Repodata);
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            await gzip.WriteAsync(Repodata);
        }

        await server.PutFileAsync(channel, "noarch/repodata.json.gz", compressed.ToArray());
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip }) { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/get/{channel}/noarch/repodata.json");
        var response = await client.SendAsync(request);
        Assert.Equal(Repodata, await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("gzip", request.Headers.AcceptEncoding.ToString(), StringComparison.Ordinal);

        using var raw = server.Anonymous();
        using var plain = new HttpRequestMessage(HttpMethod.Get, $"/get/{channel}/noarch/repodata.json");
        plain.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        var zipped = await raw.SendAsync(plain);
        Assert.Equal("gzip", Assert.Single(zipped.Content.Headers.ContentEncoding));
        Assert.Equal(compressed.ToArray(), await zipped.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Folders_serve_their_index_page_and_missing_files_are_404()
    {
        var channel = await server.CreateChannelAsync();
        await server.PutFileAsync(channel, "index.html", "<html>channel</html>"u8.ToArray());
        await server.PutFileAsync(channel, "linux-64/index.html", "<html>subdir</html>"u8.ToArray());
        using var client = server.Anonymous();

        foreach (var path in new[] { $"/get/{channel}", $"/get/{channel}/" })
        {
            var page = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("<html>channel</html>", await page.Content.ReadAsStringAsync());
        }

        Assert.Equal("<html>subdir</html>", await (await client.GetAsync($"/get/{channel}/linux-64/")).Content.ReadAsStringAsync());
        Assert.Equal("<html>subdir</html>", await (await client.GetAsync($"/get/{channel}/linux-64")).Content.ReadAsStringAsync());
        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, $"{channel}/missing/file.json not found", await client.GetAsync($"/get/{channel}/missing/file.json"));
        await server.PutFileAsync(channel, "noarch/repodata.json", Repodata);
        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, $"{channel}/noarch/.repodata.json.tmp not found",
            await client.GetAsync($"/get/{channel}/noarch/.repodata.json.tmp"));
        // Dot segments are resolved before routing: the request leaves the channel and names no channel at all.
        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, "Channel noarch not found", await client.GetAsync($"/get/{channel}/%2E%2E/noarch/repodata.json"));
        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, "Channel nosuchchannel not found", await client.GetAsync("/get/nosuchchannel/noarch/repodata.json"));
    }

    [Fact]
    public async Task Channel_names_in_get_paths_are_case_insensitive()
    {
        var channel = await server.CreateChannelAsync();
        await server.PutFileAsync(channel, "noarch/repodata.json", Repodata);
        using var client = server.Anonymous();
        Assert.Equal(Repodata, await client.GetByteArrayAsync($"/get/{channel.ToUpperInvariant()}/noarch/repodata.json"));
    }

    [Fact]
    public async Task Private_channels_answer_get_and_head_alike_for_every_credential_form()
    {
        var channel = await server.CreateChannelAsync(isPrivate: true);
        await server.PutFileAsync(channel, "noarch/repodata.json", Repodata);
        await server.AddChannelMemberAsync(channel, "bob", "member");
        var bobKey = await server.KeyForAsync("bob");
        var daveKey = await server.KeyForAsync("dave");
        var file = $"{channel}/noarch/repodata.json";

        async Task ExpectAsync(HttpStatusCode expected, string path, Action<HttpRequestMessage>? credentials = null)
        {
            using var client = server.Anonymous();
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
            {
                using var request = new HttpRequestMessage(method, path);
                credentials?.Invoke(request);
                var response = await client.SendAsync(request);
                Assert.True(expected == response.StatusCode, $"{method} {path}: expected {expected}, got {response.StatusCode}");
                if (expected == HttpStatusCode.OK)
                {
                    Assert.True(response.Headers.CacheControl!.Private);
                    Assert.Equal(TimeSpan.FromSeconds(36000), response.Headers.CacheControl.MaxAge);
                    Assert.Equal(Repodata.Length, response.Content.Headers.ContentLength);
                }
            }
        }

        await ExpectAsync(HttpStatusCode.Unauthorized, $"/get/{file}");
        await ExpectAsync(HttpStatusCode.Unauthorized, $"/t/bogus/get/{file}");
        await ExpectAsync(HttpStatusCode.Forbidden, $"/t/{daveKey}/get/{file}");
        await ExpectAsync(HttpStatusCode.OK, $"/t/{bobKey}/get/{file}");
        await ExpectAsync(HttpStatusCode.OK, $"/get/t/{bobKey}/{file}");
        await ExpectAsync(HttpStatusCode.Forbidden, $"/get/t/{daveKey}/{file}");
        await ExpectAsync(HttpStatusCode.OK, $"/get/{file}", r => r.Headers.Add("X-API-Key", bobKey));
        await ExpectAsync(HttpStatusCode.OK, $"/get/{file}", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bobKey));
        await ExpectAsync(HttpStatusCode.OK, $"/get/{file}", r => r.Headers.TryAddWithoutValidation("Authorization", $"token {bobKey}"));
        await ExpectAsync(HttpStatusCode.Forbidden, $"/get/{file}", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", daveKey));
    }
}

public sealed class GetServingOnSqlite(SqliteQuetzServer server) : GetServingTests<SqliteQuetzServer>(server);

public sealed class GetServingOnPostgres(PostgresQuetzServer server) : GetServingTests<PostgresQuetzServer>(server);
