using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Plugins.RepodataPatching.Tests;

/// <summary>A server on SQLite loading the repodata_patching plugin from its build folder.</summary>
public sealed class PatchingOnSqliteServer : QuetzServer
{
    protected override Task<string> DatabaseUrlAsync() => Task.FromResult("sqlite:///./quetz.sqlite");

    protected override string? PluginsToml => PluginTable("repodata_patching", "Quetz.Plugins.RepodataPatching");
}

/// <summary>A server on PostgreSQL loading the repodata_patching plugin from its build folder.</summary>
public sealed class PatchingOnPostgresServer : QuetzServer
{
    protected override Task<string> DatabaseUrlAsync() => PostgresCluster.Instance.CreateDatabaseAsync();

    protected override string? PluginsToml => PluginTable("repodata_patching", "Quetz.Plugins.RepodataPatching");
}
