using System.Reflection;
using System.Runtime.Loader;
using Microsoft.EntityFrameworkCore;
using Quetz.Abstractions.Data;
using Quetz.Abstractions.Packages;
using Quetz.Abstractions.Plugins;
using Quetz.Host.Config;
using Quetz.Host.Data;

namespace Quetz.Host.Plugins;

/// <summary>Loads the deployment's enabled plugins and lets each register its services and map its routes.</summary>
internal static class PluginRegistration
{
    public static IServiceCollection AddQuetzPlugins(this IServiceCollection services, Deployment deployment, HostDatabase database,
        System.Collections.IDictionary environment)
    {
        var file = PluginsFile.PathFor(deployment.Directory, environment);
        List<LoadedPlugin> plugins = [.. PluginsFile.Read(file, environment).Where(e => e.Enabled)
            .Select(e => Register(services, e, deployment.Directory, database))];
        services.AddSingleton(new PluginCatalog(plugins, services.Any(d => d.ServiceType == typeof(IPostUploadHook)),
            services.Any(d => d.ServiceType == typeof(IPackageRemovedHook))));
        services.AddHostedService<PluginMigrationRunner>();
        return services;
    }

    /// <summary>Loads one plugin and lets it register its services; also what <c>quetz plugin list</c> does to learn its extension points.</summary>
    public static LoadedPlugin Register(IServiceCollection services, PluginEntry entry, string deploymentDirectory, HostDatabase hostDatabase)
    {
        var plugin = PluginLoader.Load(entry, deploymentDirectory);
        var database = new HostPluginDatabase(hostDatabase, AssemblyLoadContext.GetLoadContext(plugin.Assembly)!);
        var before = services.Count;
        try
        {
            plugin.Instance.ConfigureServices(services, new PluginContext(plugin.Name, plugin.Directory, plugin.Settings, database));
        }
        catch (Exception e)
        {
            throw new ConfigException($"plugin '{plugin.Name}' ({plugin.Origin}) failed to register its services: {e.Message}");
        }

        plugin.ExtensionPoints.AddRange(services.Skip(before).Select(ExtensionPoints.Of).OfType<string>().Distinct());
        if (MapsRoutes(plugin))
        {
            plugin.ExtensionPoints.Add(ExtensionPoints.Routes);
        }

        return plugin;
    }

    public static void MapPluginRoutes(this WebApplication app)
    {
        foreach (var plugin in app.Services.GetRequiredService<PluginCatalog>().Plugins)
        {
            plugin.Instance.MapRoutes(app);
        }
    }

    private static bool MapsRoutes(LoadedPlugin plugin)
    {
        var map = plugin.Instance.GetType().GetInterfaceMap(typeof(IQuetzPlugin));
        var index = Array.FindIndex(map.InterfaceMethods, m => m.Name == nameof(IQuetzPlugin.MapRoutes));
        return map.TargetMethods[index].DeclaringType != typeof(IQuetzPlugin);
    }
}

/// <summary>The plugins this host loaded.</summary>
internal sealed record PluginCatalog(IReadOnlyList<LoadedPlugin> Plugins, bool HasPostUploadHooks, bool HasPackageRemovedHooks);

/// <summary>
/// The host's database offered to one plugin: same connection pool, the plugin's migrations and history table. The
/// migrations assembly is looked up in the plugin's own load context: EF Core's lookup by name would search the
/// host's, where the plugin's assemblies are not.
/// </summary>
internal sealed class HostPluginDatabase(HostDatabase database, AssemblyLoadContext pluginContext) : PluginDatabase
{
    public override DatabaseProvider Provider => database.Provider == DatabaseProvider.PostgreSql ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite;

    public override void Configure(DbContextOptionsBuilder options, string migrationsAssembly)
    {
        var history = "__migrations_" + migrationsAssembly.Replace('.', '_').ToLowerInvariant();
        var assembly = pluginContext.LoadFromAssemblyName(new AssemblyName(migrationsAssembly));
        if (database.PostgreSql is { } postgres)
        {
            options.UseNpgsql(postgres, o => o.MigrationsAssembly(assembly).MigrationsHistoryTable(history));
        }
        else
        {
            options.UseSqlite(database.Url.ConnectionString, o => o.MigrationsAssembly(assembly).MigrationsHistoryTable(history));
        }
    }
}

/// <summary>Applies every plugin's migrations when the host starts, before it serves a request.</summary>
internal sealed class PluginMigrationRunner(IEnumerable<IPluginMigrations> migrations, IServiceProvider services, ILogger<PluginMigrationRunner> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var migration in migrations)
        {
            try
            {
                await migration.MigrateAsync(services, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogCritical(e, "Migrating the database of plugin {Plugin} failed", migration.Plugin);
                throw new ConfigException($"plugin '{migration.Plugin}': migrating its database failed: {e.Message}");
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
