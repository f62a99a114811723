using System.Net;
using Quetz.Host.Tests.Cli;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Plugins;

/// <summary><c>quetz plugin install</c> and <c>quetz plugin list</c>, run as an operator runs them, against a local folder feed.</summary>
public sealed class PluginInstallTests(SampleFeed feed) : IClassFixture<SampleFeed>, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "quetz-install-" + Guid.NewGuid().ToString("N")[..10]);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private async Task<string> CreateDeploymentAsync(string pluginsToml)
    {
        var deployment = Path.Combine(_root, "deployment");
        var (code, _, stderr) = await QuetzProcess.RunAsync(["create", deployment, "--create-conf", "--dev"]);
        Assert.True(code == 0, stderr);
        await File.WriteAllTextAsync(Path.Combine(deployment, "plugins.toml"), pluginsToml);
        return deployment;
    }

    [Fact]
    public async Task The_sample_installs_from_a_folder_feed_with_its_dependency_and_answers_on_its_route()
    {
        const string before = "# operator's notes stay\n[plugins.quetz_plugin_sample.settings]\ngreeting = \"Howdy\"  # kept\n\n" +
            "[plugins.other]\nenabled = false\npath = \"elsewhere\"\n";
        var deployment = await CreateDeploymentAsync(before);

        var (code, stdout, stderr) = await QuetzProcess.RunAsync(["plugin", "install", "Quetz.Plugin.Sample", "--source", feed.Directory, "--deployment", deployment]);

        Assert.True(code == 0, stderr);
        Assert.Contains("Installed Quetz.Plugin.Sample 1.0.0 as plugin 'quetz_plugin_sample'", stdout, StringComparison.Ordinal);
        Assert.Equal(before + "\n[plugins.quetz_plugin_sample]\npackage = \"Quetz.Plugin.Sample\"\nversion = \"1.0.0\"\nenabled = true\n",
            await File.ReadAllTextAsync(Path.Combine(deployment, "plugins.toml")));
        var folder = Path.Combine(deployment, "plugins", "quetz.plugin.sample", "1.0.0");
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).ToList();
        Assert.Contains("Quetz.Plugin.Sample.dll", files);
        Assert.Contains("Pluralize.NET.dll", files);
        Assert.DoesNotContain("Quetz.Abstractions.dll", files);
        Assert.DoesNotContain("Quetz.Conda.dll", files);
        Assert.DoesNotContain(files, f => f!.StartsWith("System.", StringComparison.Ordinal) || f.StartsWith("Microsoft.", StringComparison.Ordinal));
        Assert.Equal([folder], Directory.GetDirectories(Path.Combine(deployment, "plugins", "quetz.plugin.sample")));

        var list = await QuetzProcess.RunAsync(["plugin", "list", "--deployment", deployment]);
        Assert.True(list.ExitCode == 0, list.Stderr);
        var lines = list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^quetz_plugin_sample\s+enabled\s+1\.0\.0\s+nuget Quetz\.Plugin\.Sample 1\.0\.0\s+routes$", lines.Single(l => l.StartsWith("quetz_plugin_sample", StringComparison.Ordinal)));
        Assert.Matches(@"^other\s+disabled\s+-\s+path .*elsewhere\s+-$", lines.Single(l => l.StartsWith("other", StringComparison.Ordinal)));

        var port = QuetzProcess.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        await using var server = QuetzProcess.Start(["start", deployment, "--port", port.ToString()]);
        await server.WaitUntilServingAsync(address);
        using var client = new HttpClient { BaseAddress = address };
        var hello = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync("/api/sample/hello?name=package&count=3"));
        Assert.Equal("Howdy, 3 packages!", hello.GetProperty("greeting").GetString());
        Assert.Equal("Pluralize.NET", hello.GetProperty("library").GetString());
    }

    [Fact]
    public async Task A_package_without_the_plugin_package_type_is_refused()
    {
        const string before = "# nothing yet\n";
        var deployment = await CreateDeploymentAsync(before);

        var (code, _, stderr) = await QuetzProcess.RunAsync(["plugin", "install", "Pluralize.NET", "--source", feed.Directory, "--deployment", deployment]);

        Assert.Equal(1, code);
        Assert.Equal("error: package Pluralize.NET 1.0.2 is not a Quetz plugin: its nuspec does not declare the package type QuetzPlugin " +
            "(<PackageType>QuetzPlugin</PackageType> in the project)", stderr.Trim());
        Assert.Equal(before, await File.ReadAllTextAsync(Path.Combine(deployment, "plugins.toml")));
        Assert.False(Directory.Exists(Path.Combine(deployment, "plugins", "pluralize.net", "1.0.2")));
    }

    [Fact]
    public async Task An_unknown_package_or_version_is_one_line_on_stderr()
    {
        var deployment = await CreateDeploymentAsync("");

        var unknown = await QuetzProcess.RunAsync(["plugin", "install", "Contoso.Nothing", "--source", feed.Directory, "--deployment", deployment]);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal($"error: package Contoso.Nothing is not on {feed.Directory}", unknown.Stderr.Trim());

        var version = await QuetzProcess.RunAsync(["plugin", "install", "Quetz.Plugin.Sample", "--version", "9.9.9", "--source", feed.Directory, "--deployment", deployment]);
        Assert.Equal(1, version.ExitCode);
        Assert.Equal($"error: package Quetz.Plugin.Sample 9.9.9 is not on {feed.Directory}", version.Stderr.Trim());
        Assert.Equal("", await File.ReadAllTextAsync(Path.Combine(deployment, "plugins.toml")));
    }
}
