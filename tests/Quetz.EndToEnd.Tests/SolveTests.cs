using Quetz.Conda.Archives;
using Quetz.EndToEnd.Tests.Infrastructure;
using Quetz.Host.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Quetz.EndToEnd.Tests;

/// <summary>rattler (pixi's solver) reads our repodata, and what it chooses downloads, verifies and extracts.</summary>
public sealed class SolveTests(CondaServer server, ITestOutputHelper output) : IClassFixture<CondaServer>
{
    private static readonly string[] Platforms = ["linux-64", "noarch"];

    [Fact]
    public async Task Rattler_solves_app_to_app_1_0_with_libfoo_2_0_and_every_chosen_file_matches_its_record()
    {
        var channel = await server.Quetz.CreateChannelAsync();
        var graph = await DependencyGraph.UploadAsync(server, channel);

        var solve = await Rattler.SolveAsync(["app"], [server.ChannelUrl(channel)], Platforms);

        AssertSolved(solve, channel);
        Assert.Equal(["app 1.0", "libfoo 2.0", "pyfoo 1.0"], solve.Records.Select(r => $"{r.Name} {r.Version}"));
        // Both formats of libfoo 2.0 are in the channel; a modern client takes the .conda.
        Assert.Equal("libfoo-2.0-0.conda", solve.Single("libfoo").Filename);
        Assert.Equal("noarch", solve.Single("pyfoo").Subdir);
        Assert.Equal(["libfoo >=2", "pyfoo"], solve.Single("app").Depends);

        using var scratch = new TempDirectory();
        foreach (var record in solve.Records)
        {
            var uploaded = graph[record.Filename];
            Assert.Equal($"{server.ChannelUrl(channel)}/{record.Subdir}/{record.Filename}", record.Url);
            Assert.Equal(uploaded.Sha256, record.Sha256);
            Assert.Equal(uploaded.Content.Length, record.Size);

            var downloaded = await CondaServer.DownloadAsync(record);
            Assert.Equal(uploaded.Content, downloaded);

            var archive = scratch[record.Filename];
            await File.WriteAllBytesAsync(archive, downloaded);
            var extracted = scratch[record.Filename + ".extracted"];
            await Cph.ExtractAsync(archive, extracted);
            var payload = Assert.Single(uploaded.Payload);
            Assert.Equal($"{record.Name} {record.Version}\n", await File.ReadAllTextAsync(Path.Combine(extracted, payload.Key)));
        }
    }

    [Fact]
    public async Task Rattler_solves_from_our_shards_fetching_only_the_shards_its_solve_reaches_and_agrees_with_repodata_json()
    {
        var channel = await server.Quetz.CreateChannelAsync();
        await DependencyGraph.UploadAsync(server, channel);
        var unrelated = await TestPackages.BuildAsync("unrelated", "1.0", "linux-64", PackageFormat.Conda);
        await server.UploadAsync(channel, unrelated);
        await server.WaitForIndexAsync(channel, unrelated);
        var linux = await ShardIndexAsync(channel, "linux-64", ["app", "libfoo", "unrelated"]);
        var noarch = await ShardIndexAsync(channel, "noarch", ["pyfoo"]);

        var (sharded, requests) = await SolveLoggedAsync(channel, ["app"]);

        AssertSolved(sharded, channel);
        Assert.Equal(["app 1.0", "libfoo 2.0", "pyfoo 1.0"], sharded.Records.Select(r => $"{r.Name} {r.Version}"));
        Assert.Equal(
            ["GET repodata_shards.msgpack.zst 200", .. new[] { "app", "libfoo" }.Select(n => $"GET shards/{linux[n]}.msgpack.zst 200").Order(StringComparer.Ordinal)],
            [.. Asked(requests, channel, "linux-64").Take(1), .. Asked(requests, channel, "linux-64").Skip(1).Order(StringComparer.Ordinal)]);
        Assert.Equal(["GET repodata_shards.msgpack.zst 200", $"GET shards/{noarch["pyfoo"]}.msgpack.zst 200"], Asked(requests, channel, "noarch"));

        // The same channel without shards: rattler falls back to repodata.json.zst and chooses the same files.
        using var alice = server.Quetz.WithKey(server.Quetz.AliceKey);
        using var off = new StringContent("""{"metadata": {"shards": false}}""", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await alice.PatchAsync($"/api/channels/{channel}", off)).StatusCode);
        server.Requests.Clear();
        var (whole, fallback) = await SolveLoggedAsync(channel, ["app"]);
        AssertSolved(whole, channel);
        Assert.Equal(["GET repodata_shards.msgpack.zst 404", "GET repodata.json.zst 200"], Asked(fallback, channel, "linux-64"));
        Assert.Equal(
            sharded.Records.Select(r => (r.Filename, r.Sha256, r.Md5, r.Size, r.Url, string.Join(",", r.Depends))),
            whole.Records.Select(r => (r.Filename, r.Sha256, r.Md5, r.Size, r.Url, string.Join(",", r.Depends))));
    }

    /// <summary>The shard index once it names <paramref name="names"/>: name → shard hash in hex.</summary>
    private async Task<Dictionary<string, string>> ShardIndexAsync(string channel, string subdir, string[] names)
    {
        using var client = server.Quetz.Anonymous();
        for (var attempt = 0; ; attempt++)
        {
            var response = await client.GetAsync($"/get/{channel}/{subdir}/repodata_shards.msgpack.zst");
            if (response.IsSuccessStatusCode)
            {
                var index = Quetz.Conda.Repodata.Shards.ShardIndexReader.Read(await response.Content.ReadAsByteArrayAsync());
                if (names.All(index.Shards.ContainsKey) || attempt == 200)
                {
                    Assert.Equal(names, index.Shards.Keys.Order(StringComparer.Ordinal));
                    return index.Shards.ToDictionary(s => s.Key, s => Convert.ToHexStringLower(s.Value));
                }
            }

            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_channel_with_only_noarch_packages_solves_for_linux_64_after_rattler_finds_no_linux_64_index()
    {
        var channel = await server.Quetz.CreateChannelAsync();
        var pyfoo = await TestPackages.BuildAsync("pyfoo", "1.0", "noarch", PackageFormat.Conda);
        await server.UploadAsync(channel, pyfoo);
        await server.WaitForIndexAsync(channel, pyfoo);

        var (solve, requests) = await SolveLoggedAsync(channel, ["pyfoo"]);

        AssertSolved(solve, channel);
        Assert.Equal("pyfoo-1.0-0.conda", Assert.Single(solve.Records).Filename);
        // A subdir nobody uploaded to does not exist; rattler tries every form of its index, then solves without it.
        Assert.Equal(
            ["GET repodata_shards.msgpack.zst 404", "GET repodata.json.zst 404", "GET repodata.json.bz2 404", "GET repodata.json 404"],
            Asked(requests, channel, "linux-64"));
    }

    [Fact]
    public async Task A_new_channel_is_a_valid_empty_channel_but_an_unknown_channel_is_missing_its_noarch_index()
    {
        var empty = await server.Quetz.CreateChannelAsync();

        var fromEmpty = await Rattler.SolveAsync(["pyfoo"], [server.ChannelUrl(empty)], Platforms);
        var fromUnknown = await Rattler.SolveAsync(["pyfoo"], [server.ChannelUrl(ChannelSetup.NewName())], Platforms);

        output.WriteLine(fromEmpty.Process.ToString());
        output.WriteLine(fromUnknown.Process.ToString());
        Assert.False(fromEmpty.Succeeded);
        Assert.Contains("No candidates were found for pyfoo", fromEmpty.Process.Stderr, StringComparison.Ordinal);
        Assert.False(fromUnknown.Succeeded);
        Assert.Contains("could not find subdir 'noarch'", fromUnknown.Process.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rattler_fails_when_nothing_in_the_channel_satisfies_the_spec()
    {
        var channel = await server.Quetz.CreateChannelAsync();
        await DependencyGraph.UploadAsync(server, channel);

        var solve = await Rattler.SolveAsync(["app >=2"], [server.ChannelUrl(channel)], Platforms);

        output.WriteLine(solve.Process.ToString());
        Assert.False(solve.Succeeded);
        Assert.Contains("No candidates were found for app >=2", solve.Process.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Solves against the channel and returns what rattler asked the server for it, in order.</summary>
    private async Task<(SolveResult Solve, IReadOnlyList<LoggedRequest> Requests)> SolveLoggedAsync(string channel, string[] specs)
    {
        var solve = await Rattler.SolveAsync(specs, [server.ChannelUrl(channel)], Platforms);
        var requests = server.Requests.ForChannel(channel).Where(r => r.FromNode).ToList();
        output.WriteLine($"rattler asked:\n{RequestLog.Describe(requests)}");
        return (solve, requests);
    }

    private static string[] Asked(IEnumerable<LoggedRequest> requests, string channel, string subdir)
    {
        var prefix = $"/get/{channel}/{subdir}/";
        return [.. requests.Where(r => r.Path.StartsWith(prefix, StringComparison.Ordinal)).Select(r => $"{r.Method} {r.Path[prefix.Length..]} {r.Status}")];
    }

    private void AssertSolved(SolveResult solve, string channel)
    {
        var log = RequestLog.Describe(server.Requests.ForChannel(channel));
        Assert.True(solve.Succeeded, $"{solve.Process}\nrequests:\n{log}");
    }
}
