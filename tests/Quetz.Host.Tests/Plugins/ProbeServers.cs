using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Plugins;

/// <summary>
/// A server with the probe fixture plugin under a name of its own, so that the environment override this server sets
/// (<c>QUETZ_PLUGIN_&lt;NAME&gt;_COLOR</c>) reaches no other server of the test run. carol and bob are server
/// maintainers, dave a plain member; the probe denies carol's role and refuses packages named <c>refused-*</c>.
/// </summary>
public abstract class ProbeServer : QuetzServer
{
    protected ProbeServer()
    {
        Environment.SetEnvironmentVariable($"QUETZ_PLUGIN_{PluginName.ToUpperInvariant()}_COLOR", "green");
    }

    public string PluginName { get; } = "probe_" + Guid.NewGuid().ToString("N")[..8];

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
    [
        new("users:maintainers:0", "dummy:carol"),
        new("users:maintainers:1", "dummy:bob"),
        new("users:members:0", "dummy:dave"),
    ];

    protected override string PluginsToml => PluginFixtures.Table(PluginName, "Quetz.Fixtures.Probe",
        "greeting = \"hello from plugins.toml\"\ncolor = \"blue\"\nrefused_prefix = \"refused-\"\ndenied_user = \"carol\"");
}

public sealed class SqliteProbeServer : ProbeServer
{
    protected override Task<string> DatabaseUrlAsync() => Task.FromResult("sqlite:///./quetz.sqlite");
}

public sealed class PostgresProbeServer : ProbeServer
{
    protected override Task<string> DatabaseUrlAsync() => PostgresCluster.Instance.CreateDatabaseAsync();
}
