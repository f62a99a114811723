using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
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
            services.AddDbContext<TContext, TSqlite>(o => Configure(database, o, typeof(TSqlite).Assembly));
        }
        else
        {
            services.AddDbContext<TContext, TPostgreSql>(o => Configure(database, o, typeof(TPostgreSql).Assembly));
        }

        services.AddSingleton<IPluginMigrations>(new PluginMigrations<TContext>(context.Name));
        return services;
    }

    /// <summary>
    /// Points the options at the host's database and at the migrations in <paramref name="migrations"/> itself, not
    /// at its name: EF Core looks a name up in the default load context, where a plugin's assembly is not, and two
    /// hosts in one process each load their own copy of it.
    /// </summary>
    private static void Configure(PluginDatabase database, DbContextOptionsBuilder options, Assembly migrations)
    {
        database.Configure(options, migrations.GetName().Name!);
        if (options.Options.Extensions.OfType<RelationalOptionsExtension>().FirstOrDefault() is { } relational)
        {
            // EF Core prefers a name to the assembly, so the name goes; options keep one extension per static type, so
            // the provider's own (SqliteOptionsExtension, …) is the one replaced.
            var updated = relational.WithMigrationsAssembly((string?)null).WithMigrationsAssembly(migrations);
            AddOrUpdate.MakeGenericMethod(updated.GetType()).Invoke(options, [updated]);
        }
    }

    private static readonly MethodInfo AddOrUpdate =
        typeof(IDbContextOptionsBuilderInfrastructure).GetMethod(nameof(IDbContextOptionsBuilderInfrastructure.AddOrUpdateExtension))!;
}
