using Quetz.Conda.Archives;

namespace Quetz.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A small channel to solve against: <c>libfoo</c> 1.0 and 2.0 for linux-64 (2.0 as both .tar.bz2 and .conda),
/// <c>app</c> 1.0 for linux-64 depending on <c>libfoo &gt;=2</c> and <c>pyfoo</c>, and <c>pyfoo</c> 1.0 as a noarch package.
/// Uploaded through both upload routes.
/// </summary>
public sealed class DependencyGraph
{
    private DependencyGraph(IReadOnlyList<TestPackage> packages) => Packages = packages;

    public IReadOnlyList<TestPackage> Packages { get; }

    public TestPackage this[string fileName] => Packages.Single(p => p.FileName == fileName);

    public static async Task<DependencyGraph> UploadAsync(CondaServer server, string channel)
    {
        var libfoo1 = await TestPackages.BuildAsync("libfoo", "1.0", "linux-64", PackageFormat.TarBz2);
        var libfoo2 = await TestPackages.BuildAsync("libfoo", "2.0", "linux-64", PackageFormat.TarBz2);
        var libfoo2Conda = await TestPackages.BuildAsync("libfoo", "2.0", "linux-64", PackageFormat.Conda);
        var pyfoo = await TestPackages.BuildAsync("pyfoo", "1.0", "noarch", PackageFormat.Conda);
        var app = await TestPackages.BuildAsync("app", "1.0", "linux-64", PackageFormat.TarBz2, depends: ["libfoo >=2", "pyfoo"]);

        await server.UploadAsync(channel, libfoo1);
        await server.UploadAsync(channel, libfoo2, multipart: true);
        await server.UploadAsync(channel, libfoo2Conda);
        await server.UploadAsync(channel, pyfoo, multipart: true);
        await server.UploadAsync(channel, app);
        TestPackage[] all = [libfoo1, libfoo2, libfoo2Conda, pyfoo, app];
        await server.WaitForIndexAsync(channel, all);
        return new DependencyGraph(all);
    }
}
