using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Plugins.Transmutation.Tests.Infrastructure;

/// <summary>A server loading the transmutation plugin from its build folder, with <c>convert_on_upload</c> on or off.</summary>
public abstract class TransmutationServer(bool convertOnUpload, bool postgres) : QuetzServer
{
    protected override string? PluginsToml =>
        PluginTable("transmutation", "Quetz.Plugins.Transmutation", $"convert_on_upload = {(convertOnUpload ? "true" : "false")}");

    protected override Task<string> DatabaseUrlAsync() =>
        postgres ? PostgresCluster.Instance.CreateDatabaseAsync() : Task.FromResult("sqlite:///./quetz.sqlite");
}

/// <summary>Converts only when a job asks, on SQLite.</summary>
public sealed class JobsOnSqliteServer() : TransmutationServer(convertOnUpload: false, postgres: false);

/// <summary>Converts only when a job asks, on PostgreSQL.</summary>
public sealed class JobsOnPostgresServer() : TransmutationServer(convertOnUpload: false, postgres: true);

/// <summary>Converts every upload, on SQLite.</summary>
public sealed class UploadsOnSqliteServer() : TransmutationServer(convertOnUpload: true, postgres: false);

/// <summary>Converts every upload, on PostgreSQL.</summary>
public sealed class UploadsOnPostgresServer() : TransmutationServer(convertOnUpload: true, postgres: true);
