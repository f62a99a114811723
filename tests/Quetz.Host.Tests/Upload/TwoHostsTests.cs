using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Quetz.Host.Cli;
using Quetz.Host.Data;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Upload;

/// <summary>
/// Two identical hosts on one PostgreSQL database and one package folder, as a scaled-out deployment runs them:
/// what one accepts, the other serves once indexed, whichever host's worker builds the index.
/// </summary>
public sealed class TwoHostsTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "quetz-2hosts-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<WebApplication> _hosts = [];
    private string _key = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "channels"));
        var deployment = new Deployment(_directory, null, new Dictionary<string, string?>
        {
            ["sqlalchemy:database_url"] = await PostgresCluster.Instance.CreateDatabaseAsync(),
            ["session:secret"] = "two-hosts-secret-" + Guid.NewGuid().ToString("N"),
            ["users:admins:0"] = "dummy:alice",
            ["logging:level"] = "WARNING",
        });
        await DatabaseMigrator.MigrateAsync(deployment.Database, CancellationToken.None);
        await using (var db = DatabaseRegistration.CreateContext(deployment.Database))
        {
            _key = await DevData.SeedAsync(db, deployment, CancellationToken.None);
            await UserRoles.ApplyAsync(db, deployment, CancellationToken.None);
        }

        for (var i = 0; i < 2; i++)
        {
            var app = QuetzWebApp.Build(deployment, ["http://127.0.0.1:0"]);
            await app.StartAsync();
            _hosts.Add(app);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private HttpClient Client(int host)
    {
        var address = _hosts[host].Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Add("X-API-Key", _key);
        return client;
    }

    [Fact]
    public async Task Uploads_to_either_host_are_served_by_both()
    {
        using var first = Client(0);
        using var second = Client(1);
        var channel = ChannelSetup.NewName();
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await first.PostAsync("/api/channels",
            new StringContent($$"""{"name": "{{channel}}", "private": false}""", System.Text.Encoding.UTF8, "application/json")));

        for (var i = 0; i < 6; i++)
        {
            var host = i % 2 == 0 ? first : second;
            await HttpAssert.StatusAsync(HttpStatusCode.Created,
                await CondaPackages.UploadAsync(host, channel, $"pkg-1.{i}-0.tar.bz2", await CondaPackages.BuildAsync("pkg", $"1.{i}")));
        }

        foreach (var client in new[] { first, second })
        {
            var repodata = await Repodata.WaitForAsync(client, channel, "linux-64", r => r.GetProperty("packages").EnumerateObject().Count() == 6);
            Assert.Equal(Enumerable.Range(0, 6).Select(i => $"pkg-1.{i}-0.tar.bz2"), repodata.GetProperty("packages").EnumerateObject().Select(p => p.Name));
        }

        var package = await HttpAssert.StatusAsync(HttpStatusCode.OK, await second.GetAsync($"/api/channels/{channel}/packages/pkg"));
        Assert.Equal("1.5", package.GetProperty("current_version").GetString());
    }
}
