using Microsoft.Data.Sqlite;
using Npgsql;
using Quetz.Abstractions.Data;
using Quetz.Host.Config;

namespace Quetz.Host.Data;

/// <summary>
/// The database as one host uses it. On PostgreSQL every user of the database in this host (EF Core, plugins'
/// contexts, Hangfire, the index lock) draws from one connection pool, which is closed once the host has stopped:
/// a stopped host leaves no idle sessions holding PostgreSQL's connection slots, and a process that runs several
/// hosts one after another (as the tests do) does not pile them up until the server refuses clients.
/// </summary>
internal sealed class HostDatabase : IHostedLifecycleService, IDisposable
{
    public HostDatabase(DatabaseUrl url)
    {
        Url = url;
        PostgreSql = url.Provider == DatabaseProvider.PostgreSql ? NpgsqlDataSource.Create(url.ConnectionString) : null;
    }

    public DatabaseUrl Url { get; }

    public DatabaseProvider Provider => Url.Provider;

    /// <summary>The pool on PostgreSQL; null on SQLite.</summary>
    public NpgsqlDataSource? PostgreSql { get; }

    public NpgsqlDataSource RequirePostgreSql() =>
        PostgreSql ?? throw new InvalidOperationException("the deployment's database is not PostgreSQL");

    /// <summary>Runs after every hosted service (Hangfire's servers among them) has stopped.</summary>
    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        PostgreSql?.Dispose();
        if (Url.Provider == DatabaseProvider.Sqlite)
        {
            // Pooled SQLite connections keep the database file open after the host is gone.
            using var connection = new SqliteConnection(Url.ConnectionString);
            SqliteConnection.ClearPool(connection);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
