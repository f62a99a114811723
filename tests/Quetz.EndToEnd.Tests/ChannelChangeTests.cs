using System.Net;
using System.Text;
using Quetz.Conda.Archives;
using Quetz.EndToEnd.Tests.Infrastructure;
using Quetz.Host.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Quetz.EndToEnd.Tests;

/// <summary>What rattler sees after the channel changes: a forced re-upload and a deleted version reach the next solve.</summary>
public sealed class ChannelChangeTests(CondaServer server, ITestOutputHelper output) : IClassFixture<CondaServer>
{
    private static readonly string[] Platforms = ["linux-64", "noarch"];

    [Fact]
    public async Task After_a_forced_reupload_rattler_gets_the_new_hashes_and_the_new_file()
    {
        var channel = await server.Quetz.CreateChannelAsync();
        var graph = await DependencyGraph.UploadAsync(server, channel);
        var rebuilt = await TestPackages.BuildAsync("libfoo", "2.0", "linux-64", PackageFormat.Conda,
            payload: new Dictionary<string, byte[]> { ["share/libfoo/payload.txt"] = Encoding.UTF8.GetBytes("libfoo 2.0, rebuilt\n") });
        Assert.NotEqual(graph["libfoo-2.0-0.conda"].Sha256, rebuilt.Sha256);

        await server.UploadAsync(channel, rebuilt, force: true);
        await server.WaitForIndexAsync(channel, rebuilt);
        var solve = await Rattler.SolveAsync(["app"], [server.ChannelUrl(channel)], Platforms);

        output.WriteLine(solve.Process.ToString());
        Assert.True(solve.Succeeded, solve.Process.ToString());
        var libfoo = solve.Single("libfoo");
        Assert.Equal(rebuilt.Sha256, libfoo.Sha256);
        var downloaded = await CondaServer.DownloadAsync(libfoo);
        using var scratch = new TempDirectory();
        await File.WriteAllBytesAsync(scratch[libfoo.Filename], downloaded);
        await Cph.ExtractAsync(scratch[libfoo.Filename], scratch["libfoo"]);
        Assert.Equal("libfoo 2.0, rebuilt\n", await File.ReadAllTextAsync(scratch["libfoo/share/libfoo/payload.txt"]));
    }

    [Fact]
    public async Task After_libfoo_2_0_is_deleted_rattler_cannot_solve_app_and_falls_back_to_libfoo_1_0()
    {
        var channel = await server.Quetz.CreateChannelAsync();
        await DependencyGraph.UploadAsync(server, channel);

        using (var alice = server.Quetz.WithKey(server.Quetz.AliceKey))
        {
            foreach (var fileName in new[] { "libfoo-2.0-0.conda", "libfoo-2.0-0.tar.bz2" })
            {
                await HttpAssert.StatusAsync(HttpStatusCode.OK,
                    await alice.DeleteAsync($"/api/channels/{channel}/packages/libfoo/versions/linux-64/{fileName}"));
            }
        }

        await server.WaitForRemovalAsync(channel, "linux-64", "libfoo-2.0-0.conda", "libfoo-2.0-0.tar.bz2");
        var app = await Rattler.SolveAsync(["app"], [server.ChannelUrl(channel)], Platforms);
        var libfoo = await Rattler.SolveAsync(["libfoo"], [server.ChannelUrl(channel)], Platforms);

        output.WriteLine(app.Process.ToString());
        Assert.False(app.Succeeded);
        Assert.Contains("libfoo >=2", app.Process.Stderr, StringComparison.Ordinal);
        Assert.True(libfoo.Succeeded, libfoo.Process.ToString());
        Assert.Equal("libfoo-1.0-0.tar.bz2", Assert.Single(libfoo.Records).Filename);
    }
}
