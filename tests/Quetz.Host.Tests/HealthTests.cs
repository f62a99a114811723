using System.Net;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests;

public abstract class HealthTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_routes_answer_ok_without_credentials(string path)
    {
        using var client = server.Anonymous();
        var body = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync(path));
        Assert.Equal("http-server", body.GetProperty("component").GetString());
        Assert.Equal("ok", body.GetProperty("status").GetString());
    }
}

public sealed class HealthOnSqlite(SqliteQuetzServer server) : HealthTests<SqliteQuetzServer>(server);

public sealed class HealthOnPostgres(PostgresQuetzServer server) : HealthTests<PostgresQuetzServer>(server);
