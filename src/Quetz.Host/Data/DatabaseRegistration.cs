using Microsoft.EntityFrameworkCore;
using Quetz.Abstractions.Data;
using Quetz.Host.Config;

namespace Quetz.Host.Data;

internal static class DatabaseRegistration
{
    public static IServiceCollection AddQuetzDatabase(this IServiceCollection services, DatabaseUrl url, bool echoSql)
    {
        _ = url.Provider switch
        {
            DatabaseProvider.Sqlite => services.AddDbContext<QuetzDbContext, SqliteQuetzDbContext>(o => Configure(o.UseSqlite(url.ConnectionString), echoSql)),
            _ => services.AddDbContext<QuetzDbContext, PostgresQuetzDbContext>(o => Configure(o.UseNpgsql(url.ConnectionString), echoSql)),
        };
        return services;
    }

    /// <summary>A context outside any web host, for the command line.</summary>
    public static QuetzDbContext CreateContext(DatabaseUrl url) => url.Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteQuetzDbContext(new DbContextOptionsBuilder<SqliteQuetzDbContext>().UseSqlite(url.ConnectionString).Options),
        _ => new PostgresQuetzDbContext(new DbContextOptionsBuilder<PostgresQuetzDbContext>().UseNpgsql(url.ConnectionString).Options),
    };

    private static void Configure(DbContextOptionsBuilder options, bool echoSql)
    {
        if (echoSql)
        {
            options.LogTo(Console.WriteLine, Microsoft.Extensions.Logging.LogLevel.Information);
        }
    }
}
