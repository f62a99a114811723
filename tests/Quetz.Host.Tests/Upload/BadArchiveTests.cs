using System.Net;
using System.Text;
using Quetz.Conda.Archives;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Upload;

/// <summary>Broken and hostile packages are refused with 400 and leave no file and no row.</summary>
public abstract class BadArchiveTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    public static TheoryData<string, string> Cases => new()
    {
        { "truncated", "truncated archive" },
        { "not-bzip2", "not a bzip2 file" },
        { "escaping-member", "member '../evil.sh' escapes the package" },
        { "bomb", "decompression bomb" },
        { "truncated-conda", "" },
    };

    /// <summary>24 MiB of zeros in a few KB: far past the 200× expansion the reader allows. Built once; bzip2 is slow.</summary>
    private static readonly Lazy<Task<byte[]>> Bomb = new(async () =>
    {
        using var output = new MemoryStream();
        var index = ArchiveEntry.Text("info/index.json",
            """{"build":"0","build_number":0,"depends":[],"name":"bad-package","subdir":"linux-64","version":"0.1"}""");
        await PackageWriter.WriteTarBz2Async(output, [index, new ArchiveEntry("lib/zeros", new byte[24 << 20])], CancellationToken.None);
        return output.ToArray();
    });

    private static async Task<(string FileName, byte[] Content)> BuildAsync(string kind)
    {
        var index = ArchiveEntry.Text("info/index.json",
            """{"build":"0","build_number":0,"depends":[],"name":"bad-package","subdir":"linux-64","version":"0.1"}""");
        using var output = new MemoryStream();
        switch (kind)
        {
            case "truncated":
                await PackageWriter.WriteTarBz2Async(output, [index, ArchiveEntry.Text("lib/data", new string('x', 100_000))], CancellationToken.None);
                return ("bad-package-0.1-0.tar.bz2", output.ToArray()[..(int)(output.Length / 2)]);
            case "truncated-conda":
                await PackageWriter.WriteCondaAsync(output, "bad-package-0.1-0", [index, ArchiveEntry.Text("lib/data", "x")], CancellationToken.None);
                return ("bad-package-0.1-0.conda", output.ToArray()[..(int)(output.Length / 2)]);
            case "not-bzip2":
                return ("bad-package-0.1-0.tar.bz2", Encoding.UTF8.GetBytes("this is not a package at all"));
            case "escaping-member":
                await PackageWriter.WriteTarBz2Async(output, [index, ArchiveEntry.Text("../evil.sh", "rm -rf /")], CancellationToken.None);
                return ("bad-package-0.1-0.tar.bz2", output.ToArray());
            default:
                return ("bad-package-0.1-0.tar.bz2", await Bomb.Value);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Is_refused_on_both_routes_and_leaves_nothing(string kind, string message)
    {
        var channel = await server.CreateChannelAsync();
        var (fileName, content) = await BuildAsync(kind);
        using var alice = server.WithKey(server.AliceKey);

        foreach (var response in new[]
                 {
                     await CondaPackages.UploadAsync(alice, channel, fileName, content),
                     await CondaPackages.PostFilesAsync(alice, $"/api/channels/{channel}/files/", [(fileName, content)]),
                 })
        {
            var body = await HttpAssert.StatusAsync(HttpStatusCode.BadRequest, response);
            Assert.Contains(message, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await HttpAssert.StatusAsync(HttpStatusCode.NotFound, await alice.GetAsync($"/api/channels/{channel}/packages/bad-package"));
        await HttpAssert.StatusAsync(HttpStatusCode.NotFound, await alice.GetAsync($"/get/{channel}/linux-64/{fileName}"));
        Assert.False(Directory.Exists(Path.Combine(server.Directory, "channels", channel, "linux-64")));
        var info = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/channels/{channel}"));
        Assert.Equal(0, info.GetProperty("packages_count").GetInt32());
    }

    [Fact]
    public async Task A_package_named_after_another_is_refused()
    {
        var channel = await server.CreateChannelAsync();
        var content = await CondaPackages.BuildAsync("real-name", "0.1");
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.DetailAsync(HttpStatusCode.BadRequest, "filename does not match package name",
            await CondaPackages.PostFilesAsync(alice, $"/api/channels/{channel}/files/", [("fake-name-0.1-0.tar.bz2", content)]));
        await HttpAssert.StatusAsync(HttpStatusCode.NotFound, await alice.GetAsync($"/api/channels/{channel}/packages/fake-name"));
        await HttpAssert.StatusAsync(HttpStatusCode.NotFound, await alice.GetAsync($"/api/channels/{channel}/packages/real-name"));
    }
}

public sealed class BadArchiveOnSqlite(SqliteQuetzServer server) : BadArchiveTests<SqliteQuetzServer>(server);

public sealed class BadArchiveOnPostgres(PostgresQuetzServer server) : BadArchiveTests<PostgresQuetzServer>(server);
