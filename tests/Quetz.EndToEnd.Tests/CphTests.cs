using Quetz.Conda.Archives;
using Quetz.EndToEnd.Tests.Infrastructure;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.EndToEnd.Tests;

/// <summary>
/// conda's own extractor (Debian's conda-package-handling) reads what we serve: an archive uploaded to us and
/// downloaded through /get extracts to exactly the files that were put in it.
/// </summary>
public sealed class CphTests(CondaServer server) : IClassFixture<CondaServer>
{
    [Theory]
    [InlineData(PackageFormat.Conda, false)]
    [InlineData(PackageFormat.Conda, true)]
    [InlineData(PackageFormat.TarBz2, false)]
    [InlineData(PackageFormat.TarBz2, true)]
    public async Task A_package_uploaded_and_downloaded_through_get_extracts_with_cph_to_exactly_the_files_put_in(PackageFormat format, bool multipart)
    {
        var channel = await server.Quetz.CreateChannelAsync();
        var package = await TestPackages.BuildAsync("toolkit", "3.1.4", "linux-64", format, payload: Payload());
        await server.UploadAsync(channel, package, multipart);
        await server.WaitForIndexAsync(channel, package);

        using var client = server.Quetz.Anonymous();
        var downloaded = await client.GetByteArrayAsync($"/get/{channel}/linux-64/{package.FileName}");
        Assert.Equal(package.Content, downloaded);

        using var scratch = new TempDirectory();
        await File.WriteAllBytesAsync(scratch[package.FileName], downloaded);
        await Cph.ExtractAsync(scratch[package.FileName], scratch["extracted"]);
        var extracted = Cph.Files(scratch["extracted"]);
        Assert.Equal(package.Files.Keys.Order(StringComparer.Ordinal), extracted.Keys);
        foreach (var (path, content) in package.Files)
        {
            Assert.True(content.AsSpan().SequenceEqual(extracted[path]), $"{path} differs after extraction");
        }
    }

    /// <summary>Text, every byte value, an empty file, a nested folder and a name with spaces and non-ASCII letters.</summary>
    private static Dictionary<string, byte[]> Payload() => new()
    {
        ["bin/toolkit"] = [.. "#!/bin/sh\necho toolkit\n"u8],
        ["lib/libtoolkit.so.3"] = [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 % 256))],
        ["share/toolkit/empty"] = [],
        ["share/toolkit/data/nested/deep.json"] = [.. """{"answer": 42}"""u8],
        ["share/toolkit/naïve résumé.txt"] = [.. "ünïcödé\n"u8],
    };
}
