using System.Diagnostics;

namespace Quetz.Host.Tests.Plugins;

/// <summary>
/// A local NuGet folder feed made once per test class: the sample plugin packed with <c>dotnet pack</c> from its
/// build output, and the package of its third-party dependency from the NuGet cache the build restored it into.
/// </summary>
public sealed class SampleFeed : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "quetz-feed-" + Guid.NewGuid().ToString("N")[..10]);

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var project = Path.Combine(PluginFixtures.Root, "samples", "Quetz.Plugin.Sample", "Quetz.Plugin.Sample.csproj");
        var start = new ProcessStartInfo("dotnet", ["pack", project, "-c", PluginFixtures.Configuration, "--no-build", "-o", Directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var pack = Process.Start(start)!;
        var output = pack.StandardOutput.ReadToEndAsync();
        var errors = pack.StandardError.ReadToEndAsync();
        await pack.WaitForExitAsync();
        Assert.True(pack.ExitCode == 0, $"dotnet pack failed: {await output}{await errors}");

        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.Copy(Path.Combine(cache, "pluralize.net", "1.0.2", "pluralize.net.1.0.2.nupkg"), Path.Combine(Directory, "pluralize.net.1.0.2.nupkg"));
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}
