using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quetz.Abstractions.Plugins;

namespace Quetz.Abstractions.Data;

/// <summary>Registers a plugin's <see cref="DbContext"/> on the host's database.</summary>
public static class PluginDatabaseRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TContext"/>, implemented on SQLite by <typeparamref name="TSqlite"/> and on
    /// PostgreSQL by <typeparamref name="TPostgreSql"/> (each subclass carries the migrations made for its provider),
    /// and asks the host to migrate it at start-up. Resolve <typeparamref name="TContext"/> in your services.
    /// </summary>
    public static IServiceCollection AddPluginDbContext<TContext, TSqlite, TPostgreSql>(this IServiceCollection services, PluginContext context)
        where TContext : DbContext
        where TSqlite : TContext
        where TPostgreSql : TContext
    {
        var database = context.Database;
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            services.AddDbContext<TContext, TSqlite>(o => database.Configure(o, typeof(TSqlite).Assembly.GetName().Name!));
        }
        else
        {
            services.AddDbContext<TContext, TPostgreSql>(o => database.Configure(o, typeof(TPostgreSql).Assembly.GetName().Name!));
        }

        services.AddSingleton<IPluginMigrations>(new PluginMigrations<TContext>(context.Name));
        return services;
    }
}
