using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Quetz.Host.Cli;
using Microsoft.EntityFrameworkCore;
using Quetz.Host.Data;

namespace Quetz.Host.Tests.Infrastructure;

/// <summary>
/// A real Quetz server on a free port on 127.0.0.1, in its own deployment folder and database, with
/// quetz's dev users: alice (server owner), bob, carol and dave (no server role). Tests talk HTTP to it.
/// </summary>
public abstract class QuetzServer : IAsyncLifetime
{
    private readonly Dictionary<string, string> _keys = [];
    private WebApplication? _app;
    private Deployment? _deployment;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "quetz-test-" + Guid.NewGuid().ToString("N")[..10]);

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The running server's services, for the few checks HTTP cannot reach (time-dependent jobs).</summary>
    internal IServiceProvider Services => _app!.Services;

    /// <summary>The deployment's <c>[sqlalchemy] database_url</c>.</summary>
    public string DatabaseUrl { get; private set; } = "";

    /// <summary>A user-wide API key of alice, the server owner.</summary>
    public string AliceKey => _keys["alice"];

    protected abstract Task<string> DatabaseUrlAsync();

    /// <summary>Settings a subclass adds, as <c>section:key</c> pairs.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [];

    /// <summary>The deployment's plugins.toml, or null for none.</summary>
    protected virtual string? PluginsToml => null;

    /// <summary>
    /// The build output of a plugin project under <c>plugins/</c>, in the configuration the tests were built in; a
    /// test project references the plugin project (without its assembly) so that it is built first.
    /// </summary>
    public static string PluginPath(string project)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Quetz.sln")))
        {
            root = root.Parent;
        }

        return Path.Combine(root?.FullName ?? throw new InvalidOperationException("no Quetz.sln above " + AppContext.BaseDirectory),
            "plugins", project, "bin", configuration, "net10.0");
    }

    /// <summary>A plugins.toml table loading a plugin project's build output, with TOML <paramref name="settings"/> lines.</summary>
    public static string PluginTable(string name, string project, string settings = "") =>
        $"[plugins.{name}]\npath = \"{PluginPath(project)}\"\n" + (settings.Length > 0 ? $"[plugins.{name}.settings]\n{settings}\n" : "");

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["sqlalchemy:database_url"] = DatabaseUrl = await DatabaseUrlAsync(),
            ["session:secret"] = "test-secret-" + Guid.NewGuid().ToString("N"),
            ["session:https_only"] = "false",
            ["general:dev_login"] = "true",
            ["users:admins:0"] = "dummy:alice",
            ["logging:level"] = "WARNING",
        };
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        if (PluginsToml is { } plugins)
        {
            await File.WriteAllTextAsync(Path.Combine(Directory, "plugins.toml"), plugins);
        }

        var deployment = _deployment = new Deployment(Directory, null, settings);
        System.IO.Directory.CreateDirectory(deployment.ChannelsDirectory);
        await DatabaseMigrator.MigrateAsync(deployment.Database, CancellationToken.None);
        await using (var db = OpenDatabase())
        {
            _keys["alice"] = await DevData.SeedAsync(db, deployment, CancellationToken.None);
            await UserRoles.ApplyAsync(db, deployment, CancellationToken.None);
        }

        await StartAppAsync();
    }

    private async Task StartAppAsync()
    {
        _app = QuetzWebApp.Build(_deployment!, ["http://127.0.0.1:0"]);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    /// <summary>Stops the server, runs <paramref name="whileStopped"/> against its database, and starts a new one on the same deployment.</summary>
    internal async Task RestartAsync(Func<QuetzDbContext, Task> whileStopped)
    {
        await _app!.StopAsync();
        await _app.DisposeAsync();
        await using (var db = OpenDatabase())
        {
            await whileStopped(db);
        }

        await StartAppAsync();
    }

    /// <summary>A context on the server's database, for rows no route shows (a plugin's own tables), as an operator's database client sees them.</summary>
    internal QuetzDbContext OpenDatabase() => DatabaseRegistration.CreateContext(_deployment!.Database);

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by SQLite's pool; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>
    /// Adds a package version row as an upload would (there is no upload route yet): the version's file is
    /// not stored, only its database record, so the metadata routes can be exercised.
    /// </summary>
    public async Task AddVersionAsync(string channel, string package, string version, string platform = "linux-64",
        string build = "0", int buildNumber = 0, string format = "tarbz2", string uploader = "alice")
    {
        await using var scope = _app!.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuetzDbContext>();
        var uploaderId = await db.Users.Where(u => u.Username == uploader).Select(u => u.Id).FirstAsync();
        var extension = format == "conda" ? ".conda" : ".tar.bz2";
        var filename = $"{package}-{version}-{build}{extension}";
        var info = $$"""{"build": "{{build}}", "build_number": {{buildNumber}}, "depends": [], "name": "{{package}}", "subdir": "{{platform}}", "version": "{{version}}", "size": 100}""";
        await scope.ServiceProvider.GetRequiredService<Quetz.Host.Packages.PackageVersionWriter>().AddAsync(new PackageVersion
        {
            ChannelName = channel,
            PackageName = package,
            PackageFormat = format,
            Platform = platform,
            Version = version,
            BuildString = build,
            BuildNumber = buildNumber,
            Size = 100,
            Filename = filename,
            Info = info,
            UploaderId = uploaderId,
            TimeCreated = DateTime.UtcNow,
            TimeModified = DateTime.UtcNow,
        }, null, null, replace: false, CancellationToken.None);
    }

    /// <summary>Puts a file into the channel's store, as the indexer or an upload would.</summary>
    public async Task PutFileAsync(string channel, string path, byte[] content)
    {
        var store = _app!.Services.GetRequiredService<Quetz.Abstractions.Storage.IPackageStore>();
        using var stream = new MemoryStream(content);
        await store.PutAsync(channel, path, stream, Quetz.Abstractions.Storage.WriteMode.Overwrite, CancellationToken.None);
    }

    /// <summary>A client without credentials.</summary>
    public HttpClient Anonymous() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };

    /// <summary>A client that sends <paramref name="key"/> as X-API-Key.</summary>
    public HttpClient WithKey(string key)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        return client;
    }

    /// <summary>A client logged in through the dev login, holding the session cookie.</summary>
    public async Task<HttpClient> LoggedInAsync(string username)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = BaseAddress,
        };
        var response = await client.GetAsync($"/api/dummylogin/{username}");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        return client;
    }

    /// <summary>A user-wide API key for a dev user, made through the API as the user would.</summary>
    public async Task<string> KeyForAsync(string username)
    {
        if (_keys.TryGetValue(username, out var key))
        {
            return key;
        }

        using var client = await LoggedInAsync(username);
        var response = await client.PostAsJsonAsync("/api/api-keys", new { description = $"{username}'s key", roles = Array.Empty<object>() });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, object?>>();
        key = body!["key"]!.ToString()!;
        _keys[username] = key;
        return key;
    }

    /// <summary>A client acting as the dev user through its user-wide key.</summary>
    public async Task<HttpClient> AsAsync(string username) => WithKey(await KeyForAsync(username));
}

/// <summary>The embedded default: a SQLite file in the deployment folder.</summary>
public sealed class SqliteQuetzServer : QuetzServer
{
    protected override Task<string> DatabaseUrlAsync() => Task.FromResult("sqlite:///./quetz.sqlite");
}

/// <summary>PostgreSQL, in a database of its own on the test run's throwaway cluster.</summary>
public sealed class PostgresQuetzServer : QuetzServer
{
    protected override Task<string> DatabaseUrlAsync() => PostgresCluster.Instance.CreateDatabaseAsync();
}
