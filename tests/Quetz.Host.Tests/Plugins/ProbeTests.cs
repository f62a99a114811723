using System.Net;
using System.Text.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Plugins;

/// <summary>A plugin's settings, job kind, tables, new-package validator and server-role check, on a running server.</summary>
public abstract class ProbeTests<TServer>(TServer server) : IClassFixture<TServer>
    where TServer : ProbeServer
{
    [Fact]
    public async Task Settings_come_from_plugins_toml_and_the_environment_overrides_one()
    {
        using var client = server.Anonymous();
        var settings = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync("/api/probe/settings"));
        Assert.Equal("hello from plugins.toml", settings.GetProperty("greeting").GetString());
        Assert.Equal("green", settings.GetProperty("color").GetString());
    }

    [Fact]
    public async Task Plugins_api_is_for_server_owners_and_maintainers()
    {
        using var anonymous = server.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/plugins")).StatusCode);
        using var dave = await server.AsAsync("dave");
        Assert.Equal(HttpStatusCode.Forbidden, (await dave.GetAsync("/api/plugins")).StatusCode);

        using var alice = server.WithKey(server.AliceKey);
        var plugins = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync("/api/plugins"));
        var probe = Assert.Single(plugins.EnumerateArray());
        Assert.Equal(server.PluginName, probe.GetProperty("name").GetString());
        Assert.Equal("1.0.0", probe.GetProperty("version").GetString());
        Assert.StartsWith("path ", probe.GetProperty("origin").GetString(), StringComparison.Ordinal);
        Assert.Equal<string>(["database", "job", "new_package_validator", "routes", "server_role_check"],
            probe.GetProperty("extension_points").EnumerateArray().Select(e => e.GetString()!).Order().ToArray());
    }

    [Fact]
    public async Task A_server_role_check_denies_a_maintainer_with_403()
    {
        using var bob = await server.AsAsync("bob");
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await bob.GetAsync("/api/plugins"));
        using var carol = await server.AsAsync("carol");
        var response = await carol.GetAsync("/api/plugins");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("probe denies carol", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_validator_refuses_a_new_package_with_422_and_nothing_is_stored()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        var refused = await CondaPackages.UploadAsync(alice, channel, "refused-thing-1.0-0.tar.bz2", await CondaPackages.BuildAsync("refused-thing", "1.0"));
        await HttpAssert.DetailAsync(HttpStatusCode.UnprocessableEntity, "probe refuses package refused-thing", refused);
        await HttpAssert.StatusAsync(HttpStatusCode.Created,
            await CondaPackages.UploadAsync(alice, channel, "welcome-1.0-0.tar.bz2", await CondaPackages.BuildAsync("welcome", "1.0")));

        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"/api/channels/{channel}/packages/refused-thing")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"/get/{channel}/linux-64/refused-thing-1.0-0.tar.bz2")).StatusCode);
        var repodata = await Repodata.WaitForAsync(alice, channel, "linux-64", r => Repodata.Has(r, "packages", "welcome-1.0-0.tar.bz2"));
        Assert.False(Repodata.Has(repodata, "packages", "refused-thing-1.0-0.tar.bz2"));
    }

    [Fact]
    public async Task A_plugin_job_runs_through_the_hosts_dispatcher_and_shows_under_a_readable_name()
    {
        using var client = server.Anonymous();
        var value = "ran-" + Guid.NewGuid().ToString("N")[..8];
        var queued = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.PostAsync($"/api/probe/jobs/{value}", null));
        Assert.False(string.IsNullOrEmpty(queued.GetProperty("job_id").GetString()));

        var ran = JsonDocument.Parse("[]").RootElement;
        for (var attempt = 0; attempt < 200 && !ran.EnumerateArray().Any(v => v.GetString() == value); attempt++)
        {
            await Task.Delay(50);
            ran = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync("/api/probe/jobs"));
        }

        Assert.Contains(value, ran.EnumerateArray().Select(v => v.GetString()));
        using var alice = await server.LoggedInAsync("alice");
        var page = "";
        for (var attempt = 0; attempt < 200 && !page.Contains("Plugin job: probe-record", StringComparison.Ordinal); attempt++)
        {
            page = await (await alice.GetAsync("/jobs/dashboard/jobs/succeeded")).Content.ReadAsStringAsync();
            await Task.Delay(50);
        }

        Assert.Contains("Plugin job: probe-record", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plugins_tables_are_migrated_with_their_own_history_table()
    {
        using var client = server.Anonymous();
        var text = "note-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/probe/notes/{text}", null)).StatusCode);

        var notes = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync("/api/probe/notes"));
        Assert.Contains(text, notes.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
        Assert.Single(notes.GetProperty("applied").EnumerateArray(), m => m.GetString()!.EndsWith("_Initial", StringComparison.Ordinal));
        Assert.Contains("__migrations_quetz_fixtures_probe", notes.GetProperty("history").GetString(), StringComparison.Ordinal);
    }
}

public sealed class ProbeOnSqlite(SqliteProbeServer server) : ProbeTests<SqliteProbeServer>(server);

public sealed class ProbeOnPostgres(PostgresProbeServer server) : ProbeTests<PostgresProbeServer>(server);
