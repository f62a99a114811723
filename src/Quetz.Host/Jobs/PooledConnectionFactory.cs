using Hangfire.PostgreSql;
using Npgsql;

namespace Quetz.Host.Jobs;

/// <summary>Hangfire's connections come from the host's pool, so they close with the host.</summary>
internal sealed class PooledConnectionFactory(NpgsqlDataSource dataSource) : IConnectionFactory
{
    public NpgsqlConnection GetOrCreateConnection() => dataSource.CreateConnection();
}
