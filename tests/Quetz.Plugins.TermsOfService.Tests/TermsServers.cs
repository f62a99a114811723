using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Plugins.TermsOfService.Tests;

/// <summary>A server on SQLite loading the terms-of-service plugin from its build folder.</summary>
public sealed class TermsServerOnSqlite : QuetzServer
{
    protected override Task<string> DatabaseUrlAsync() => Task.FromResult("sqlite:///./quetz.sqlite");

    protected override string? PluginsToml => TermsSetup.Plugin;
}

/// <summary>A server on PostgreSQL loading the terms-of-service plugin from its build folder.</summary>
public sealed class TermsServerOnPostgres : QuetzServer
{
    protected override Task<string> DatabaseUrlAsync() => PostgresCluster.Instance.CreateDatabaseAsync();

    protected override string? PluginsToml => TermsSetup.Plugin;
}
