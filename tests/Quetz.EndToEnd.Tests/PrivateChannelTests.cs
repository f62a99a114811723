using Quetz.Conda.Archives;
using Quetz.EndToEnd.Tests.Infrastructure;
using Quetz.Host.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Quetz.EndToEnd.Tests;

/// <summary>A private channel read by rattler with the API key in the channel URL, as conda users configure it.</summary>
public sealed class PrivateChannelTests(CondaServer server, ITestOutputHelper output) : IClassFixture<CondaServer>
{
    private static readonly string[] Platforms = ["linux-64", "noarch"];

    [Fact]
    public async Task Rattler_solves_a_private_channel_through_t_key_get_and_the_chosen_files_download_with_that_url()
    {
        var channel = await server.Quetz.CreateChannelAsync(isPrivate: true);
        await server.Quetz.AddChannelMemberAsync(channel, "bob", "member");
        var graph = await DependencyGraph.UploadAsync(server, channel);
        var bobKey = await server.Quetz.KeyForAsync("bob");

        var solve = await Rattler.SolveAsync(["app"], [server.ChannelUrl(channel, bobKey)], Platforms);

        output.WriteLine(RequestLog.Describe(server.Requests.ForChannel(channel)));
        Assert.True(solve.Succeeded, $"{solve.Process}\n{RequestLog.Describe(server.Requests.ForChannel(channel))}");
        Assert.Equal(["app 1.0", "libfoo 2.0", "pyfoo 1.0"], solve.Records.Select(r => $"{r.Name} {r.Version}"));

        // The shards' relative URLs keep the key in the path, so rattler reads the private channel's shards too.
        var shardRequests = server.Requests.ForChannel(channel).Where(r => r.FromNode && r.Path.Contains("/shards/", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, shardRequests.Count);
        Assert.All(shardRequests, r => Assert.Equal(200, r.Status));
        Assert.All(shardRequests, r => Assert.StartsWith($"/t/***/get/{channel}/", r.Path, StringComparison.Ordinal));
        foreach (var record in solve.Records)
        {
            Assert.StartsWith(server.ChannelUrl(channel, bobKey) + "/", record.Url, StringComparison.Ordinal);
            Assert.Equal(graph[record.Filename].Content, await CondaServer.DownloadAsync(record));
        }
    }

    [Fact]
    public async Task Rattler_solves_a_private_channel_through_get_t_key_too()
    {
        // conda's form for channels under a base path (quetz#492): the key after /get/t/.
        var channel = await server.Quetz.CreateChannelAsync(isPrivate: true);
        await server.Quetz.AddChannelMemberAsync(channel, "bob", "member");
        var graph = await DependencyGraph.UploadAsync(server, channel);
        var url = new Uri(server.Quetz.BaseAddress, $"/get/t/{await server.Quetz.KeyForAsync("bob")}/{channel}").ToString();

        var solve = await Rattler.SolveAsync(["app"], [url], Platforms);

        output.WriteLine(RequestLog.Describe(server.Requests.All.Where(r => r.Target.Contains(channel, StringComparison.Ordinal))));
        Assert.True(solve.Succeeded, solve.Process.ToString());
        Assert.Equal(["app 1.0", "libfoo 2.0", "pyfoo 1.0"], solve.Records.Select(r => $"{r.Name} {r.Version}"));
        foreach (var record in solve.Records)
        {
            Assert.StartsWith(url + "/", record.Url, StringComparison.Ordinal);
            Assert.Equal(graph[record.Filename].Content, await CondaServer.DownloadAsync(record));
        }
    }

    [Theory]
    [InlineData("no key")]
    [InlineData("unknown key")]
    [InlineData("key of a user who is not a member")]
    public async Task Without_a_key_that_may_read_the_channel_rattler_fails(string credentials)
    {
        var channel = await server.Quetz.CreateChannelAsync(isPrivate: true);
        var app = await TestPackages.BuildAsync("app", "1.0", "linux-64", PackageFormat.TarBz2);
        await server.UploadAsync(channel, app);
        await server.WaitForIndexAsync(channel, app);
        var url = credentials switch
        {
            "no key" => server.ChannelUrl(channel),
            "unknown key" => server.ChannelUrl(channel, "0123456789abcdef0123456789abcdef"),
            _ => server.ChannelUrl(channel, await server.Quetz.KeyForAsync("dave")),
        };

        var solve = await Rattler.SolveAsync(["app"], [url], Platforms);

        var requests = server.Requests.ForChannel(channel).Where(r => r.FromNode).ToList();
        output.WriteLine(solve.Process.ToString());
        output.WriteLine(RequestLog.Describe(requests));
        Assert.False(solve.Succeeded);
        // rattler stops at the first refusal: it never falls back from a 401/403 to another form of the index.
        var expected = credentials == "key of a user who is not a member" ? "403 Forbidden" : "401 Unauthorized";
        Assert.Contains($"HTTP status client error ({expected})", solve.Process.Stderr, StringComparison.Ordinal);
        Assert.NotEmpty(requests);
        Assert.All(requests, r => Assert.Equal(expected == "403 Forbidden" ? 403 : 401, r.Status));
        Assert.DoesNotContain(requests, r => r.Path.EndsWith(".json.zst", StringComparison.Ordinal) || r.Path.EndsWith(".json", StringComparison.Ordinal));
    }
}
