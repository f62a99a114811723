using Microsoft.EntityFrameworkCore;
using Npgsql;
using Quetz.Abstractions.Data;
using Quetz.Host.Config;

namespace Quetz.Host.Data;

internal static class DatabaseRegistration
{
    public static IServiceCollection AddQuetzDatabase(this IServiceCollection services, HostDatabase database, bool echoSql)
    {
        services.AddSingleton(database);
        services.AddHostedService(_ => database);
        _ = database.Provider switch
        {
            DatabaseProvider.Sqlite => services.AddDbContext<QuetzDbContext, SqliteQuetzDbContext>(o => Configure(o.UseSqlite(database.Url.ConnectionString), echoSql)),
            _ => services.AddDbContext<QuetzDbContext, PostgresQuetzDbContext>(o => Configure(o.UseNpgsql(database.RequirePostgreSql()), echoSql)),
        };
        return services;
    }

    /// <summary>
    /// A context outside any web host, for the command line. Its PostgreSQL connections are not pooled: a command
    /// opens a handful, and must leave no idle session behind.
    /// </summary>
    public static QuetzDbContext CreateContext(DatabaseUrl url) => url.Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteQuetzDbContext(new DbContextOptionsBuilder<SqliteQuetzDbContext>().UseSqlite(url.ConnectionString).Options),
        _ => new PostgresQuetzDbContext(new DbContextOptionsBuilder<PostgresQuetzDbContext>()
            .UseNpgsql(new NpgsqlConnectionStringBuilder(url.ConnectionString) { Pooling = false }.ConnectionString).Options),
    };

    private static void Configure(DbContextOptionsBuilder options, bool echoSql)
    {
        if (echoSql)
        {
            options.LogTo(Console.WriteLine, Microsoft.Extensions.Logging.LogLevel.Information);
        }
    }
}
