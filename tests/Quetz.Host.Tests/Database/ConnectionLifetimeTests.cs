using System.Net;
using Npgsql;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Database;

/// <summary>
/// A stopped host gives its PostgreSQL sessions back. Idle pooled sessions that outlive their host hold connection
/// slots: a process that runs hosts one after another (a test run, a restart in place) fills max_connections.
/// </summary>
public sealed class ConnectionLifetimeTests
{
    [Fact]
    public async Task A_stopped_host_leaves_no_session_on_its_database()
    {
        var server = new PostgresQuetzServer();
        string database;
        try
        {
            await server.InitializeAsync();
            database = new Uri(server.DatabaseUrl).AbsolutePath.TrimStart('/');
            using var alice = server.WithKey(server.AliceKey);
            var channel = await server.CreateChannelAsync();
            var package = await CondaPackages.BuildAsync("lifetime", "1.0");
            var upload = await CondaPackages.UploadAsync(alice, channel, "lifetime-1.0-0.tar.bz2", package);
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
            await Repodata.WaitForAsync(alice, channel, "linux-64", r => Repodata.Has(r, "packages", "lifetime-1.0-0.tar.bz2"));
            Assert.True(await SessionsOnAsync(database) > 0, "a running host (web requests, Hangfire) holds sessions");
        }
        finally
        {
            await server.DisposeAsync();
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        var sessions = await SessionsOnAsync(database);
        while (sessions > 0 && DateTime.UtcNow < deadline)
        {
            // A backend leaves pg_stat_activity a moment after its client closed the connection.
            await Task.Delay(100);
            sessions = await SessionsOnAsync(database);
        }

        Assert.Equal(0, sessions);
    }

    private static async Task<long> SessionsOnAsync(string database)
    {
        await using var connection = new NpgsqlConnection(PostgresCluster.Instance.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", database);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
