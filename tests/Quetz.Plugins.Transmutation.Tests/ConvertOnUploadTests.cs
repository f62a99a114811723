using System.Net;
using Quetz.Conda.Archives;
using Quetz.EndToEnd.Tests.Infrastructure;
using Quetz.Host.Tests.Infrastructure;
using Quetz.Plugins.Transmutation.Tests.Infrastructure;

namespace Quetz.Plugins.Transmutation.Tests;

/// <summary>With <c>convert_on_upload = true</c> every uploaded .tar.bz2 gets its .conda, credited to its uploader.</summary>
public abstract class ConvertOnUploadTests<TServer>(TServer server) : IClassFixture<TServer>
    where TServer : TransmutationServer
{
    [Fact]
    public async Task An_uploaded_tar_bz2_gets_its_conda_credited_to_the_uploader_and_a_conda_upload_gets_nothing_more()
    {
        var channel = await server.CreateChannelAsync();
        await server.AddChannelMemberAsync(channel, "bob", "maintainer");
        var name = ChannelSetup.NewName("up");
        using var bob = await server.AsAsync("bob");
        var package = await TestPackages.BuildAsync(name, "3.0", "linux-64", PackageFormat.TarBz2);
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await CondaPackages.UploadAsync(bob, channel, package.FileName, package.Content));
        var condaOnly = await TestPackages.BuildAsync(name, "3.1", "linux-64", PackageFormat.Conda);
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await CondaPackages.UploadAsync(bob, channel, condaOnly.FileName, condaOnly.Content));

        var condaName = $"{name}-3.0-0.conda";
        var repodata = await Repodata.WaitForAsync(bob, channel, "linux-64", r => Repodata.Has(r, "packages.conda", condaName));
        Assert.Equal([package.FileName], repodata.GetProperty("packages").EnumerateObject().Select(p => p.Name).Where(n => n.StartsWith(name, StringComparison.Ordinal)));
        var versions = await Jobs.VersionsAsync(bob, channel, name);
        Assert.Equal([condaName, package.FileName, condaOnly.FileName], versions.Keys.Order());
        Assert.Equal(versions[package.FileName].GetProperty("uploader").GetRawText(), versions[condaName].GetProperty("uploader").GetRawText());
        Assert.Equal("Bob", versions[condaName].GetProperty("uploader").GetProperty("name").GetString());

        using var scratch = new TempDirectory();
        await File.WriteAllBytesAsync(scratch[condaName], await bob.GetByteArrayAsync($"/get/{channel}/linux-64/{condaName}"));
        await Cph.ExtractAsync(scratch[condaName], scratch["extracted"]);
        Assert.Equal(package.Files.Keys.Order(StringComparer.Ordinal), Cph.Files(scratch["extracted"]).Keys);
    }
}

public sealed class ConvertOnUploadOnSqlite(UploadsOnSqliteServer server) : ConvertOnUploadTests<UploadsOnSqliteServer>(server);

public sealed class ConvertOnUploadOnPostgres(UploadsOnPostgresServer server) : ConvertOnUploadTests<UploadsOnPostgresServer>(server);
