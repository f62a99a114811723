using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Plugins.RunExports.Tests;

/// <summary>A server on SQLite with the runexports plugin loaded from its build folder by the real loader.</summary>
public sealed class RunExportsSqliteServer : QuetzServer
{
    protected override string? PluginsToml => PluginTable("runexports", "Quetz.Plugins.RunExports");

    protected override Task<string> DatabaseUrlAsync() => Task.FromResult("sqlite:///./quetz.sqlite");
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class RunExportsPostgresServer : QuetzServer
{
    protected override string? PluginsToml => PluginTable("runexports", "Quetz.Plugins.RunExports");

    protected override Task<string> DatabaseUrlAsync() => PostgresCluster.Instance.CreateDatabaseAsync();
}
