using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Quetz.Conda.Archives;
using Quetz.EndToEnd.Tests.Infrastructure;
using Quetz.Host.Tests.Infrastructure;
using Quetz.Plugins.Transmutation.Tests.Infrastructure;

namespace Quetz.Plugins.Transmutation.Tests;

/// <summary>
/// <c>POST /api/jobs</c> with quetz-transmutation:transmutation on a server that loads the plugin through the real
/// loader: the .conda it adds extracts with conda's own extractor to the files of the original, is indexed with its
/// own size and hashes, and a broken archive fails its task leaving nothing behind.
/// </summary>
public abstract class TransmutationJobTests<TServer>(TServer server) : IClassFixture<TServer>
    where TServer : TransmutationServer
{
    [Fact]
    public async Task A_converted_package_extracts_with_cph_to_the_same_files_and_is_indexed_with_its_own_hashes()
    {
        var channel = await server.CreateChannelAsync();
        var name = ChannelSetup.NewName("conv");
        var package = await TestPackages.BuildAsync(name, "2.0.1", "linux-64", PackageFormat.TarBz2, payload: Payload(name));
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await CondaPackages.UploadAsync(alice, channel, package.FileName, package.Content));

        var (jobId, status) = await Jobs.RunAsync(alice, name);
        Assert.Equal("success", status);
        Assert.Equal(new Dictionary<string, string> { [package.FileName] = "success" }, await Jobs.TasksAsync(alice, jobId));

        var condaName = $"{name}-2.0.1-0.conda";
        var repodata = await Repodata.WaitForAsync(alice, channel, "linux-64", r => Repodata.Has(r, "packages.conda", condaName));
        var converted = await alice.GetByteArrayAsync($"/get/{channel}/linux-64/{condaName}");
        var original = repodata.GetProperty("packages").GetProperty(package.FileName);
        var record = repodata.GetProperty("packages.conda").GetProperty(condaName);
        Assert.Equal(converted.Length, record.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(converted)), record.GetProperty("sha256").GetString());
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(converted)), record.GetProperty("md5").GetString());
        Assert.NotEqual(original.GetProperty("sha256").GetString(), record.GetProperty("sha256").GetString());
        Assert.Equal(Metadata(original), Metadata(record));

        using var scratch = new TempDirectory();
        await File.WriteAllBytesAsync(scratch[package.FileName], package.Content);
        await File.WriteAllBytesAsync(scratch[condaName], converted);
        await Cph.ExtractAsync(scratch[package.FileName], scratch["from-tar-bz2"]);
        await Cph.ExtractAsync(scratch[condaName], scratch["from-conda"]);
        var expected = Cph.Files(scratch["from-tar-bz2"]);
        var actual = Cph.Files(scratch["from-conda"]);
        Assert.Equal(package.Files.Keys.Order(StringComparer.Ordinal), expected.Keys);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (path, content) in expected)
        {
            Assert.True(content.AsSpan().SequenceEqual(actual[path]), $"{path} differs between the .tar.bz2 and the converted .conda");
        }
    }

    [Fact]
    public async Task A_job_over_an_items_spec_converts_each_match_once_and_its_tasks_report_success()
    {
        var channel = await server.CreateChannelAsync();
        var first = ChannelSetup.NewName("spec");
        var second = ChannelSetup.NewName("spec");
        var untouched = ChannelSetup.NewName("other");
        using var alice = server.WithKey(server.AliceKey);
        foreach (var (name, format) in new[] { (first, PackageFormat.TarBz2), (second, PackageFormat.TarBz2), (untouched, PackageFormat.TarBz2) })
        {
            var package = await TestPackages.BuildAsync(name, "1.0", "linux-64", format);
            await HttpAssert.StatusAsync(HttpStatusCode.Created, await CondaPackages.UploadAsync(alice, channel, package.FileName, package.Content));
        }

        var already = await TestPackages.BuildAsync(second, "1.1", "linux-64", PackageFormat.Conda);
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await CondaPackages.UploadAsync(alice, channel, already.FileName, already.Content));

        var (jobId, status) = await Jobs.RunAsync(alice, $"{first},{second}");
        Assert.Equal("success", status);
        Assert.Equal(new Dictionary<string, string>
        {
            [$"{first}-1.0-0.tar.bz2"] = "success",
            [$"{second}-1.0-0.tar.bz2"] = "success",
            [$"{second}-1.1-0.conda"] = "success",
        }, await Jobs.TasksAsync(alice, jobId));

        Assert.Equal([$"{first}-1.0-0.conda", $"{first}-1.0-0.tar.bz2"], (await Jobs.VersionsAsync(alice, channel, first)).Keys.Order());
        Assert.Equal([$"{second}-1.0-0.conda", $"{second}-1.0-0.tar.bz2", $"{second}-1.1-0.conda"],
            (await Jobs.VersionsAsync(alice, channel, second)).Keys.Order());
        Assert.Equal([$"{untouched}-1.0-0.tar.bz2"], (await Jobs.VersionsAsync(alice, channel, untouched)).Keys);

        // Run again: every .tar.bz2 now has its .conda, so nothing is converted again and the files stay as they are.
        var before = await alice.GetByteArrayAsync($"/get/{channel}/linux-64/{first}-1.0-0.conda");
        var (againId, againStatus) = await Jobs.RunAsync(alice, first);
        Assert.Equal("success", againStatus);
        Assert.All((await Jobs.TasksAsync(alice, againId)).Values, s => Assert.Equal("success", s));
        Assert.Equal(before, await alice.GetByteArrayAsync($"/get/{channel}/linux-64/{first}-1.0-0.conda"));
    }

    [Fact]
    public async Task A_corrupt_archive_fails_its_task_and_leaves_no_conda_file_or_version()
    {
        var channel = await server.CreateChannelAsync();
        var name = ChannelSetup.NewName("broken");
        var package = await TestPackages.BuildAsync(name, "1.0", "linux-64", PackageFormat.TarBz2);
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await CondaPackages.UploadAsync(alice, channel, package.FileName, package.Content));
        var corrupt = package.Content.ToArray();
        corrupt.AsSpan(corrupt.Length / 2).Fill(0x5a);
        await server.PutFileAsync(channel, $"linux-64/{package.FileName}", corrupt);

        var (jobId, status) = await Jobs.RunAsync(alice, name);
        Assert.Equal("failed", status);
        Assert.Equal(new Dictionary<string, string> { [package.FileName] = "failed" }, await Jobs.TasksAsync(alice, jobId));
        Assert.Equal([package.FileName], (await Jobs.VersionsAsync(alice, channel, name)).Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"/get/{channel}/linux-64/{name}-1.0-0.conda")).StatusCode);
        var repodata = await Repodata.GetAsync(alice, channel, "linux-64");
        Assert.False(repodata.TryGetProperty("packages.conda", out var conda) && conda.TryGetProperty($"{name}-1.0-0.conda", out _));
    }

    /// <summary>The record without what belongs to the file itself (size, hashes) or to its row (time_modified).</summary>
    private static string Metadata(JsonElement record) =>
        JsonSerializer.Serialize(record.EnumerateObject()
            .Where(p => p.Name is not ("size" or "md5" or "sha256" or "time_modified"))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToDictionary(p => p.Name, p => p.Value));

    /// <summary>Text, every byte value, an empty file, nested folders and a name with spaces and non-ASCII letters.</summary>
    private static Dictionary<string, byte[]> Payload(string name) => new()
    {
        [$"bin/{name}"] = [.. "#!/bin/sh\necho converted\n"u8],
        [$"lib/lib{name}.so.2"] = [.. Enumerable.Range(0, 70_000).Select(i => (byte)(i * 31 % 256))],
        [$"share/{name}/empty"] = [],
        [$"share/{name}/data/nested/deep.json"] = [.. """{"answer": 42}"""u8],
        [$"share/{name}/naïve résumé.txt"] = [.. "ünïcödé\n"u8],
    };
}

public sealed class TransmutationJobOnSqlite(JobsOnSqliteServer server) : TransmutationJobTests<JobsOnSqliteServer>(server);

public sealed class TransmutationJobOnPostgres(JobsOnPostgresServer server) : TransmutationJobTests<JobsOnPostgresServer>(server);
