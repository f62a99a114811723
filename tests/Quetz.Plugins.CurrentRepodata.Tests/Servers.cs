using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Plugins.CurrentRepodata.Tests;

/// <summary>current_repodata and repodata_patching, both loaded from their build folders, as an operator would run them.</summary>
internal static class BothPlugins
{
    public static string Toml =>
        QuetzServer.PluginTable("current_repodata", "Quetz.Plugins.CurrentRepodata")
        + QuetzServer.PluginTable("repodata_patching", "Quetz.Plugins.RepodataPatching");
}

public sealed class CurrentRepodataOnSqliteServer : QuetzServer
{
    protected override Task<string> DatabaseUrlAsync() => Task.FromResult("sqlite:///./quetz.sqlite");

    protected override string? PluginsToml => BothPlugins.Toml;
}

public sealed class CurrentRepodataOnPostgresServer : QuetzServer
{
    protected override Task<string> DatabaseUrlAsync() => PostgresCluster.Instance.CreateDatabaseAsync();

    protected override string? PluginsToml => BothPlugins.Toml;
}
