using System.Net;
using System.Text.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Serving;

public abstract class DownloadMetricsTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    private const int Downloads = 50;

    private async Task<string> DownloadedChannelAsync(bool isPrivate = false)
    {
        var channel = await server.CreateChannelAsync(isPrivate);
        await server.CreatePackageAsync(channel, "pkg");
        await server.AddVersionAsync(channel, "pkg", "0.1");
        await server.PutFileAsync(channel, "linux-64/pkg-0.1-0.tar.bz2", [1, 2, 3]);
        using var client = server.WithKey(server.AliceKey);
        for (var i = 0; i < Downloads; i++)
        {
            Assert.Equal([1, 2, 3], await client.GetByteArrayAsync($"/get/{channel}/linux-64/pkg-0.1-0.tar.bz2"));
        }

        using var head = new HttpRequestMessage(HttpMethod.Head, $"/get/{channel}/linux-64/pkg-0.1-0.tar.bz2");
        await client.SendAsync(head);
        await WaitForCountAsync(client, channel);
        return channel;
    }

    /// <summary>Counts are flushed in batches; the 50th download asks for a flush at once.</summary>
    private static async Task WaitForCountAsync(HttpClient client, string channel)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var version = await HttpAssert.StatusAsync(HttpStatusCode.OK,
                await client.GetAsync($"/api/channels/{channel}/packages/pkg/versions/linux-64/pkg-0.1-0.tar.bz2"));
            if (version.GetProperty("download_count").GetInt32() == Downloads)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"download_count never reached {Downloads}");
    }

    [Fact]
    public async Task Downloads_are_counted_on_the_version_and_in_the_channel_series()
    {
        var channel = await DownloadedChannelAsync();
        using var client = server.Anonymous();
        var metrics = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync($"/metrics/channels/{channel}?period=D"));
        Assert.Equal(["server_timestamp", "period", "metric_name", "packages"], HttpAssert.Keys(metrics));
        Assert.Equal("D", metrics.GetProperty("period").GetString());
        var series = metrics.GetProperty("packages").GetProperty("linux-64/pkg-0.1-0.tar.bz2").GetProperty("series");
        var point = Assert.Single(series.EnumerateArray());
        Assert.Equal(Downloads, point.GetProperty("count").GetInt32());
        Assert.Equal(DateTime.UtcNow.Date, point.GetProperty("timestamp").GetDateTime().Date);
    }

    [Fact]
    public async Task Version_metrics_total_the_series_and_fill_zeros_between_bounds()
    {
        var channel = await DownloadedChannelAsync();
        using var client = server.Anonymous();
        var url = $"/metrics/channels/{channel}/packages/pkg/versions/linux-64/pkg-0.1-0.tar.bz2";
        var hourly = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync(url + "?period=H"));
        Assert.Equal(["server_timestamp", "period", "metric_name", "total", "series"], HttpAssert.Keys(hourly));
        Assert.Equal(Downloads, hourly.GetProperty("total").GetInt32());

        var today = DateTime.UtcNow.Date;
        var start = today.AddDays(-2).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var end = today.AddDays(1).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var daily = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync(url + $"?period=D&fill_zeros=true&start={start}&end={end}"));
        Assert.Equal([0, 0, Downloads], daily.GetProperty("series").EnumerateArray().Select(p => p.GetProperty("count").GetInt32()));

        await HttpAssert.ValidationAsync("'H', 'D', 'M' or 'Y'", await client.GetAsync(url + "?period=W"));
        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, "package version linux-64/nope-1-0.tar.bz2 not found",
            await client.GetAsync($"/metrics/channels/{channel}/packages/pkg/versions/linux-64/nope-1-0.tar.bz2"));
    }

    [Fact]
    public async Task Metrics_of_private_channels_need_read_access()
    {
        var channel = await DownloadedChannelAsync(isPrivate: true);
        using var anonymous = server.Anonymous();
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await anonymous.GetAsync($"/metrics/channels/{channel}"));
        using var dave = await server.AsAsync("dave");
        await HttpAssert.DetailAsync(HttpStatusCode.Forbidden, "No permission", await dave.GetAsync($"/metrics/channels/{channel}"));
        using var alice = server.WithKey(server.AliceKey);
        var metrics = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/metrics/channels/{channel}?period=M"));
        Assert.Equal(JsonValueKind.Object, metrics.GetProperty("packages").ValueKind);
    }
}

public sealed class DownloadMetricsOnSqlite(SqliteQuetzServer server) : DownloadMetricsTests<SqliteQuetzServer>(server);

public sealed class DownloadMetricsOnPostgres(PostgresQuetzServer server) : DownloadMetricsTests<PostgresQuetzServer>(server);
