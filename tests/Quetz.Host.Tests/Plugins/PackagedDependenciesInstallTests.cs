using System.Net;
using System.Runtime.InteropServices;
using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Versioning;
using Quetz.Host.Tests.Cli;

namespace Quetz.Host.Tests.Plugins;

/// <summary>
/// A plugin whose NuGet dependencies bring what the host lacks, installed with <c>quetz plugin install</c>: a native
/// library under <c>runtimes/&lt;rid&gt;/native/</c>, as NSec brings libsodium (this machine's zlib, packed under a
/// name of the fixture's own), of which it gets this machine's copy and no other; and an assembly named like the
/// <c>Microsoft.Extensions.*</c> the host shares but which the host does not have, in a build for this machine's
/// runtime that replaces the portable one.
/// </summary>
public sealed class PackagedDependenciesInstallTests : IDisposable
{
    private const string PluginId = "Quetz.Fixtures.PackagedDependencies";
    private const string RuntimeId = "Quetz.Fixtures.PackagedDependencies.Runtime";
    private const string ExtensionId = "Microsoft.Extensions.QuetzFixture";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "quetz-native-" + Guid.NewGuid().ToString("N")[..10]);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Native_libraries_for_this_machine_and_assemblies_the_host_lacks_are_unpacked_and_used_by_the_plugin()
    {
        var zlib = SystemZlib();
        var feed = Path.Combine(_root, "feed");
        Directory.CreateDirectory(feed);
        var rid = RuntimeInformation.RuntimeIdentifier;
        SavePackage(feed, RuntimeId, builder =>
        {
            builder.Files.Add(new PhysicalPackageFile { SourcePath = zlib, TargetPath = $"runtimes/{rid}/native/libquetzfixturez.so" });
            builder.Files.Add(new PhysicalPackageFile(new MemoryStream("not for this machine"u8.ToArray())) { TargetPath = "runtimes/win-x64/native/quetzfixturez.dll" });
        });
        SavePackage(feed, PluginId, builder =>
        {
            builder.PackageTypes.Add(new PackageType("QuetzPlugin", new Version(0, 0)));
            builder.DependencyGroups.Add(new PackageDependencyGroup(NuGetFramework.Parse("net10.0"),
                [new PackageDependency(RuntimeId, VersionRange.Parse("1.0.0")), new PackageDependency(ExtensionId, VersionRange.Parse("1.0.0"))]));
            builder.Files.Add(new PhysicalPackageFile
            {
                SourcePath = Path.Combine(PluginFixtures.OutputOf(PluginId), PluginId + ".dll"),
                TargetPath = $"lib/net10.0/{PluginId}.dll",
            });
        });
        // The portable assembly is a dud: only the one for this machine's runtime works.
        SavePackage(feed, ExtensionId, builder =>
        {
            builder.Files.Add(new PhysicalPackageFile(new MemoryStream("not an assembly"u8.ToArray())) { TargetPath = $"lib/net10.0/{ExtensionId}.dll" });
            builder.Files.Add(new PhysicalPackageFile(new MemoryStream("not an assembly"u8.ToArray())) { TargetPath = $"runtimes/win-x64/lib/net10.0/{ExtensionId}.dll" });
            builder.Files.Add(new PhysicalPackageFile
            {
                SourcePath = Path.Combine(PluginFixtures.OutputOf(PluginId), ExtensionId + ".dll"),
                TargetPath = $"runtimes/{rid}/lib/net10.0/{ExtensionId}.dll",
            });
        });
        var deployment = Path.Combine(_root, "deployment");
        var created = await QuetzProcess.RunAsync(["create", deployment, "--create-conf", "--dev"]);
        Assert.True(created.ExitCode == 0, created.Stderr);

        var installed = await QuetzProcess.RunAsync(["plugin", "install", PluginId, "--source", feed, "--deployment", deployment]);

        Assert.True(installed.ExitCode == 0, installed.Stderr);
        var folder = Path.Combine(deployment, "plugins", PluginId.ToLowerInvariant(), "1.0.0");
        Assert.True(File.Exists(Path.Combine(folder, "runtimes", rid, "native", "libquetzfixturez.so")));
        Assert.False(Directory.Exists(Path.Combine(folder, "runtimes", "win-x64")));
        Assert.True(File.Exists(Path.Combine(folder, ExtensionId + ".dll")));

        var port = QuetzProcess.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        await using var server = QuetzProcess.Start(["start", deployment, "--port", port.ToString()]);
        await server.WaitUntilServingAsync(address);
        using var client = new HttpClient { BaseAddress = address };
        var response = await client.GetAsync("/api/fixture-packaged/zlib-version");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ZlibVersionOf(zlib), await response.Content.ReadAsStringAsync());
        var extension = await client.GetAsync("/api/fixture-packaged/extension");
        Assert.Equal(HttpStatusCode.OK, extension.StatusCode);
        Assert.Equal("from an extension the host lacks", await extension.Content.ReadAsStringAsync());
    }

    private static void SavePackage(string feed, string id, Action<PackageBuilder> fill)
    {
        var builder = new PackageBuilder { Id = id, Version = NuGetVersion.Parse("1.0.0"), Description = "A test fixture." };
        builder.Authors.Add("quetz tests");
        fill(builder);
        using var output = File.Create(Path.Combine(feed, $"{id.ToLowerInvariant()}.1.0.0.nupkg"));
        builder.Save(output);
    }

    /// <summary>This machine's zlib (every Debian system has it: dpkg needs it), for the processor this test runs on.</summary>
    private static string SystemZlib()
    {
        var triplet = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x86_64-linux-gnu",
            Architecture.Arm64 => "aarch64-linux-gnu",
            var other => other.ToString().ToLowerInvariant() + "-linux-gnu",
        };
        string[] folders = [$"/usr/lib/{triplet}", $"/lib/{triplet}", "/usr/lib64", "/lib64", "/usr/lib", "/lib"];
        return folders.Select(f => Path.Combine(f, "libz.so.1")).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"no libz.so.1 in {string.Join(", ", folders)}");
    }

    /// <summary>What zlibVersion() of that file answers, asked here in the test's own process.</summary>
    private static string ZlibVersionOf(string path)
    {
        var library = NativeLibrary.Load(path);
        try
        {
            var zlibVersion = Marshal.GetDelegateForFunctionPointer<ZlibVersion>(NativeLibrary.GetExport(library, "zlibVersion"));
            return Marshal.PtrToStringUTF8(zlibVersion())!;
        }
        finally
        {
            NativeLibrary.Free(library);
        }
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr ZlibVersion();
}
