using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Quetz.Conda.Archives;
using Quetz.Conda.Repodata;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Plugins.RunExports.Tests;

/// <summary>The runexports plugin over HTTP: the per-file route, its permissions, and the published run_exports.json.</summary>
public abstract class RunExportsTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    private const string Zeromq = """{"weak": ["zeromq >=4.3.3,<4.4.0a0"]}""";
    private const string Mixed = """{"weak": ["libb >=1.2,<2.0a0"], "strong": ["libb-core 1.2.*"], "weak_constrains": ["libb-extra >=1.2"]}""";

    private static string Route(string channel, string package, string platform, string filename) =>
        $"/api/channels/{channel}/packages/{package}/versions/{platform}/{filename}/run_exports";

    private async Task<string> UploadAsync(string channel, string name, string version, PackageFormat format, string? runExports,
        string payload = "hello", bool force = false)
    {
        var content = await CondaPackages.BuildAsync(name, version, format: format, payload: payload, runExports: runExports);
        var filename = $"{name}-{version}-0{(format == PackageFormat.Conda ? ".conda" : ".tar.bz2")}";
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await CondaPackages.UploadAsync(alice, channel, filename, content, force));
        return filename;
    }

    private static byte[] Decompress(byte[] zst)
    {
        using var decompressed = RepodataCompression.Decompress(new MemoryStream(zst), ".zst");
        using var copy = new MemoryStream();
        decompressed.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool JsonEquals(string expected, byte[] actual) =>
        JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual));

    /// <summary>The run_exports.json a channel's linux-64 publishes once it lists every one of <paramref name="expected"/> as given.</summary>
    private static Task<byte[]> PublishedAsync(HttpClient client, string channel, params (string Section, string Filename, string RunExports)[] expected) =>
        Poll.UntilAsync(client, $"/get/{channel}/linux-64/run_exports.json", body =>
        {
            var document = JsonNode.Parse(body)!;
            return expected.All(e => document[e.Section]?[e.Filename]?["run_exports"] is { } exports
                && JsonNode.DeepEquals(exports, JsonNode.Parse(e.RunExports)));
        });

    [Fact]
    public async Task Run_exports_of_a_tar_bz2_and_a_conda_package_are_answered_as_stored_in_the_package()
    {
        var channel = await server.CreateChannelAsync();
        var tarBz2 = await UploadAsync(channel, "libzmq", "4.3.4", PackageFormat.TarBz2, Zeromq);
        var conda = await UploadAsync(channel, "libb", "1.2.0", PackageFormat.Conda, Mixed);
        using var client = server.Anonymous();

        var body = await Poll.UntilAsync(client, Route(channel, "libzmq", "linux-64", tarBz2), _ => true);
        Assert.True(JsonEquals(Zeromq, body), Encoding.UTF8.GetString(body));
        body = await Poll.UntilAsync(client, Route(channel, "libb", "linux-64", conda), _ => true);
        Assert.True(JsonEquals(Mixed, body), Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task A_package_without_run_exports_answers_an_empty_object_as_quetz_does()
    {
        var channel = await server.CreateChannelAsync();
        var filename = await UploadAsync(channel, "plain", "1.0", PackageFormat.Conda, runExports: null);
        using var client = server.Anonymous();

        var body = await Poll.UntilAsync(client, Route(channel, "plain", "linux-64", filename), _ => true);
        Assert.Equal("{}", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task Files_that_do_not_exist_or_belong_to_another_package_are_404_with_quetz_message()
    {
        var channel = await server.CreateChannelAsync();
        var filename = await UploadAsync(channel, "libzmq", "4.3.4", PackageFormat.TarBz2, Zeromq);
        await server.CreatePackageAsync(channel, "other");
        using var client = server.Anonymous();
        await Poll.UntilAsync(client, Route(channel, "libzmq", "linux-64", filename), _ => true);

        await HttpAssert.StringDetailAsync(HttpStatusCode.NotFound, $"run_exports for package {channel}/linux-64/{filename}not found",
            await client.GetAsync(Route(channel, "other", "linux-64", filename)));
        await HttpAssert.StringDetailAsync(HttpStatusCode.NotFound, $"run_exports for package {channel}/noarch/{filename}not found",
            await client.GetAsync(Route(channel, "libzmq", "noarch", filename)));
        await HttpAssert.StringDetailAsync(HttpStatusCode.NotFound, $"run_exports for package {channel}/linux-64/libzmq-9.9-0.tar.bz2not found",
            await client.GetAsync(Route(channel, "libzmq", "linux-64", "libzmq-9.9-0.tar.bz2")));
        await HttpAssert.StatusAsync(HttpStatusCode.NotFound, await client.GetAsync(Route("no-such-channel", "libzmq", "linux-64", filename)));
    }

    [Fact]
    public async Task A_private_channel_answers_members_only()
    {
        var channel = await server.CreateChannelAsync(isPrivate: true);
        var filename = await UploadAsync(channel, "libzmq", "4.3.4", PackageFormat.TarBz2, Zeromq);
        await server.AddChannelMemberAsync(channel, "carol", "member");
        var route = Route(channel, "libzmq", "linux-64", filename);
        using var carol = await server.AsAsync("carol");
        var body = await Poll.UntilAsync(carol, route, _ => true);
        Assert.True(JsonEquals(Zeromq, body));

        using var anonymous = server.Anonymous();
        await HttpAssert.StatusAsync(HttpStatusCode.Unauthorized, await anonymous.GetAsync(route));
        using var bob = await server.AsAsync("bob");
        await HttpAssert.StatusAsync(HttpStatusCode.Forbidden, await bob.GetAsync(route));

        var published = await PublishedAsync(carol, channel, ("packages", filename, Zeromq));
        Assert.NotEmpty(published);
        await HttpAssert.StatusAsync(HttpStatusCode.Unauthorized, await anonymous.GetAsync($"/get/{channel}/linux-64/run_exports.json"));
        await HttpAssert.StatusAsync(HttpStatusCode.Forbidden, await bob.GetAsync($"/get/{channel}/linux-64/run_exports.json.zst"));
    }

    [Fact]
    public async Task A_package_with_a_broken_run_exports_json_is_refused_and_leaves_nothing_to_answer()
    {
        var channel = await server.CreateChannelAsync();
        var content = await CondaPackages.BuildAsync("broken", "1.0", runExports: "{\"weak\": [");
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.BadRequest, await CondaPackages.UploadAsync(alice, channel, "broken-1.0-0.tar.bz2", content));
        var ok = await UploadAsync(channel, "plain", "1.0", PackageFormat.TarBz2, runExports: null);

        using var client = server.Anonymous();
        var json = await PublishedAsync(client, channel, ("packages", ok, "{}"));
        Assert.Null(JsonNode.Parse(json)!["packages"]!["broken-1.0-0.tar.bz2"]);
        await HttpAssert.StatusAsync(HttpStatusCode.NotFound, await client.GetAsync(Route(channel, "broken", "linux-64", "broken-1.0-0.tar.bz2")));
    }

    [Fact]
    public async Task Run_exports_json_lists_every_published_file_in_conda_index_form_with_an_identical_zst()
    {
        var channel = await server.CreateChannelAsync();
        var zmq = await UploadAsync(channel, "libzmq", "4.3.4", PackageFormat.TarBz2, Zeromq);
        var libb = await UploadAsync(channel, "libb", "1.2.0", PackageFormat.Conda, Mixed);
        var plain = await UploadAsync(channel, "plain", "1.0", PackageFormat.TarBz2, runExports: null);
        using var client = server.Anonymous();

        var json = await PublishedAsync(client, channel, ("packages", zmq, Zeromq), ("packages.conda", libb, Mixed), ("packages", plain, "{}"));

        // conda-index's build_run_exports_data written by its compact json.dumps(sort_keys=True).
        var expected = "{\"info\":{\"subdir\":\"linux-64\",\"version\":1},"
            + "\"packages\":{\"libzmq-4.3.4-0.tar.bz2\":{\"run_exports\":{\"weak\":[\"zeromq >=4.3.3,<4.4.0a0\"]}},"
            + "\"plain-1.0-0.tar.bz2\":{\"run_exports\":{}}},"
            + "\"packages.conda\":{\"libb-1.2.0-0.conda\":{\"run_exports\":{\"strong\":[\"libb-core 1.2.*\"],"
            + "\"weak\":[\"libb >=1.2,<2.0a0\"],\"weak_constrains\":[\"libb-extra >=1.2\"]}}}}";
        Assert.Equal(expected, Encoding.UTF8.GetString(json));

        // Written as a second file of the same pass: a reader may see the pair mid-write, so wait for it to catch up.
        await Poll.UntilAsync(client, $"/get/{channel}/linux-64/run_exports.json.zst", zst => Decompress(zst).SequenceEqual(json));

        var page = await client.GetStringAsync($"/get/{channel}/linux-64/index.html");
        Assert.Contains("run_exports.json", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forced_re_upload_replaces_the_run_exports()
    {
        var channel = await server.CreateChannelAsync();
        var filename = await UploadAsync(channel, "libzmq", "4.3.4", PackageFormat.TarBz2, Zeromq);
        using var client = server.Anonymous();
        var route = Route(channel, "libzmq", "linux-64", filename);
        await Poll.UntilAsync(client, route, body => JsonEquals(Zeromq, body));
        await PublishedAsync(client, channel, ("packages", filename, Zeromq));

        const string Updated = """{"weak": ["zeromq >=4.3.5,<4.4.0a0"]}""";
        await UploadAsync(channel, "libzmq", "4.3.4", PackageFormat.TarBz2, Updated, payload: "rebuilt", force: true);

        await Poll.UntilAsync(client, route, body => JsonEquals(Updated, body));
        await PublishedAsync(client, channel, ("packages", filename, Updated));
    }

    [Fact]
    public async Task A_deleted_version_is_404_at_once_and_leaves_run_exports_json_after_the_re_index()
    {
        var channel = await server.CreateChannelAsync();
        var gone = await UploadAsync(channel, "libzmq", "4.3.4", PackageFormat.TarBz2, Zeromq);
        var kept = await UploadAsync(channel, "libzmq", "4.3.5", PackageFormat.Conda, Zeromq);
        using var client = server.Anonymous();
        var route = Route(channel, "libzmq", "linux-64", gone);
        await Poll.UntilAsync(client, route, _ => true);
        await PublishedAsync(client, channel, ("packages", gone, Zeromq), ("packages.conda", kept, Zeromq));

        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.DeleteAsync($"/api/channels/{channel}/packages/libzmq/versions/linux-64/{gone}"));

        await HttpAssert.StatusAsync(HttpStatusCode.NotFound, await client.GetAsync(route));
        var json = await Poll.UntilAsync(client, $"/get/{channel}/linux-64/run_exports.json",
            body => JsonNode.Parse(body)!["packages"]!.AsObject().Count == 0);
        Assert.NotNull(JsonNode.Parse(json)!["packages.conda"]![kept]);
        Assert.True(JsonEquals(Zeromq, await Poll.UntilAsync(client, Route(channel, "libzmq", "linux-64", kept), _ => true)));
        await StoredRowsAsync(channel, 1);

        await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.DeleteAsync($"/api/channels/{channel}/packages/libzmq"));
        await StoredRowsAsync(channel, 0);
    }

    /// <summary>Waits until the plugin's table holds <paramref name="expected"/> rows for the channel: rows of deleted files go at the next index build.</summary>
    private async Task StoredRowsAsync(string channel, long expected)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = server.OpenDatabase();
            var rows = await db.Database.SqlQuery<long>(
                $"SELECT COUNT(*) AS \"Value\" FROM quetz_runexports_package_version_metadata WHERE channel_name = {channel}").SingleAsync();
            if (rows == expected || attempt == 200)
            {
                Assert.Equal(expected, rows);
                return;
            }

            await Task.Delay(50);
        }
    }
}

public sealed class RunExportsOnSqlite(RunExportsSqliteServer server) : RunExportsTests<RunExportsSqliteServer>(server);

public sealed class RunExportsOnPostgres(RunExportsPostgresServer server) : RunExportsTests<RunExportsPostgresServer>(server);
