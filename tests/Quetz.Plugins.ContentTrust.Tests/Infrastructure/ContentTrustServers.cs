using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Plugins.ContentTrust.Tests.Infrastructure;

/// <summary>A server loading the content trust plugin from its build folder.</summary>
public abstract class ContentTrustServer(bool postgres) : QuetzServer
{
    protected override string? PluginsToml => PluginTable("content_trust", "Quetz.Plugins.ContentTrust");

    protected override Task<string> DatabaseUrlAsync() =>
        postgres ? PostgresCluster.Instance.CreateDatabaseAsync() : Task.FromResult("sqlite:///./quetz.sqlite");
}

public sealed class ContentTrustOnSqliteServer() : ContentTrustServer(postgres: false);

public sealed class ContentTrustOnPostgresServer() : ContentTrustServer(postgres: true);
