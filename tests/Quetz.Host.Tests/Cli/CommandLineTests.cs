using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Cli;

/// <summary>The <c>quetz</c> command line, run as a separate process the way an operator runs it.</summary>
public sealed partial class CommandLineTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "quetz-cli-" + Guid.NewGuid().ToString("N")[..8]);

    public CommandLineTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Path_(string name) => Path.Combine(_root, name);

    [GeneratedRegex("^Test API key created for user \"alice\": ([A-Za-z0-9]{32})$", RegexOptions.Multiline)]
    private static partial Regex DevKeyLine();

    [Fact]
    public async Task Run_dev_prints_alices_key_and_serves_the_dev_channels_to_it()
    {
        var port = QuetzProcess.FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        await using var server = QuetzProcess.Start(["run", "demo", "--dev", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            workingDirectory: _root);
        await server.WaitUntilServingAsync(baseAddress);

        using var client = new HttpClient { BaseAddress = baseAddress };
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        Assert.Equal(HttpStatusCode.TemporaryRedirect, (await anonymous.GetAsync("/api/dummylogin/alice")).StatusCode);
        var output = await server.StdoutSoFarAsync();
        var key = DevKeyLine().Match(output);
        Assert.True(key.Success, output);
        Assert.True(File.Exists(Path.Combine(_root, "demo", "config.toml")));

        await using var again = QuetzProcess.Start(["start", "demo", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            workingDirectory: _root);
        await again.WaitUntilServingAsync(baseAddress);
        client.DefaultRequestHeaders.Add("X-API-Key", key.Groups[1].Value);
        var channels = await client.GetFromJsonAsync<List<Dictionary<string, object?>>>("/api/channels");
        Assert.Equal(["channel0", "channel1", "channel2"], channels!.Select(c => c["name"]!.ToString()));
        var me = await client.GetFromJsonAsync<Dictionary<string, object?>>("/api/me");
        Assert.Contains("alice", me!["user"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_dev_there_is_no_dev_login_route()
    {
        var (code, _, stderr) = await QuetzProcess.RunAsync(["create", Path_("prod"), "--create-conf"]);
        Assert.True(code == 0, stderr);
        var port = QuetzProcess.FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        await using var server = QuetzProcess.Start(["start", Path_("prod"), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await server.WaitUntilServingAsync(baseAddress);

        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, "Not Found", await client.GetAsync("/api/dummylogin/alice"));
    }

    [Fact]
    public async Task Create_refuses_an_existing_deployment_unless_told_it_is_fine()
    {
        Assert.Equal(0, (await QuetzProcess.RunAsync(["create", Path_("d"), "--create-conf"])).ExitCode);

        var (code, stdout, stderr) = await QuetzProcess.RunAsync(["create", Path_("d"), "--create-conf"]);
        Assert.Equal(1, code);
        Assert.Equal($"error: {Path_("d")} is already a deployment. Use the start command to start it.", stderr.Trim());
        Assert.Equal("", stdout);

        Assert.Equal(0, (await QuetzProcess.RunAsync(["create", Path_("d"), "--exists-ok"])).ExitCode);
    }

    [Fact]
    public async Task Create_with_delete_replaces_a_deployment()
    {
        Assert.Equal(0, (await QuetzProcess.RunAsync(["create", Path_("d"), "--create-conf", "--dev"])).ExitCode);
        var (code, stdout, _) = await QuetzProcess.RunAsync(["create", Path_("d"), "--create-conf", "--delete"]);
        Assert.Equal(0, code);
        Assert.Contains("Deployment created", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("dev_login = true", await File.ReadAllTextAsync(Path.Combine(Path_("d"), "config.toml")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_refuses_a_folder_with_other_files_and_a_missing_config()
    {
        Directory.CreateDirectory(Path_("busy"));
        await File.WriteAllTextAsync(Path.Combine(Path_("busy"), "notes.txt"), "mine");
        var (code, _, stderr) = await QuetzProcess.RunAsync(["create", Path_("busy"), "--create-conf"]);
        Assert.Equal(1, code);
        Assert.Equal($"error: Quetz deployment not allowed at {Path_("busy")}: the folder holds other files.", stderr.Trim());

        (code, _, stderr) = await QuetzProcess.RunAsync(["create", Path_("none")]);
        Assert.Equal(1, code);
        Assert.StartsWith("error: No configuration file provided", stderr.Trim(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path_("none")));

        (code, _, stderr) = await QuetzProcess.RunAsync(["create", Path_("copy"), "--copy-conf", Path_("missing.toml")]);
        Assert.Equal(1, code);
        Assert.Equal($"error: Config file to copy does not exist: {Path_("missing.toml")}", stderr.Trim());
    }

    [Fact]
    public async Task An_invalid_config_value_stops_with_one_line_naming_the_key()
    {
        var config = Path_("bad.toml");
        await File.WriteAllTextAsync(config, "[sqlalchemy]\ndatabase_url = \"sqlite:///./q.sqlite\"\n[session]\nsecret = \"0123456789abcdef0123\"\nhttps_only = \"maybe\"\n");
        var (code, _, stderr) = await QuetzProcess.RunAsync(["create", Path_("bad"), "--copy-conf", config]);
        Assert.Equal(1, code);
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.Equal($"error: {Path.Combine(Path_("bad"), "config.toml")}: [session] https_only: expected a boolean, got 'maybe'", line);
    }

    [Fact]
    public async Task An_out_of_range_value_stops_the_server_at_start_naming_the_key()
    {
        Assert.Equal(0, (await QuetzProcess.RunAsync(["create", Path_("range"), "--create-conf"])).ExitCode);
        var (code, _, stderr) = await QuetzProcess.RunAsync(["start", Path_("range"), "--port", QuetzProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture)],
            new Dictionary<string, string> { ["QUETZ_GENERAL_PACKAGE_UNPACK_THREADS"] = "0" });
        Assert.Equal(1, code);
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("[general] package_unpack_threads must be between 1 and 256", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_environment_override_is_checked_and_applied()
    {
        Assert.Equal(0, (await QuetzProcess.RunAsync(["create", Path_("env"), "--create-conf"])).ExitCode);
        var (code, _, stderr) = await QuetzProcess.RunAsync(["init-db", Path_("env")],
            new Dictionary<string, string> { ["QUETZ_SQLALCHEMY_DATABASE_URL"] = "mysql://x/y" });
        Assert.Equal(1, code);
        Assert.Contains("[sqlalchemy] database_url: unsupported URL", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_logging_file_key_writes_a_log_file_in_the_deployment()
    {
        Assert.Equal(0, (await QuetzProcess.RunAsync(["create", Path_("logs"), "--create-conf"])).ExitCode);
        await File.AppendAllTextAsync(Path.Combine(Path_("logs"), "config.toml"), "file = \"quetz.log\"\n");
        var port = QuetzProcess.FreePort();
        await using (var server = QuetzProcess.Start(["start", Path_("logs"), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await server.WaitUntilServingAsync(new Uri($"http://127.0.0.1:{port}"));
        }

        var log = await File.ReadAllTextAsync(Path.Combine(Path_("logs"), "quetz.log"));
        Assert.Contains($"INFORMATION Microsoft.Hosting.Lifetime Now listening on: http://127.0.0.1:{port}", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_refuses_a_folder_that_is_not_a_deployment()
    {
        var (code, _, stderr) = await QuetzProcess.RunAsync(["start", Path_("nothing")]);
        Assert.Equal(1, code);
        Assert.Equal($"error: The specified directory is not a deployment: {Path_("nothing")}. Use the create or run command first.", stderr.Trim());
    }

    [Fact]
    public async Task Init_db_and_add_user_roles_work_on_a_deployment_and_delete_removes_it()
    {
        Assert.Equal(0, (await QuetzProcess.RunAsync(["create", Path_("d"), "--create-conf"])).ExitCode);
        Assert.Equal(0, (await QuetzProcess.RunAsync(["init-db", Path_("d")])).ExitCode);
        Assert.Equal(0, (await QuetzProcess.RunAsync(["add-user-roles", Path_("d")])).ExitCode);
        Assert.Equal(0, (await QuetzProcess.RunAsync(["delete", Path_("d"), "--force"])).ExitCode);
        Assert.False(Directory.Exists(Path_("d")));
        Assert.Equal(1, (await QuetzProcess.RunAsync(["delete", Path_("d"), "--force"])).ExitCode);
    }
}
