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
    public static IServiceCollection AddQuetzPlugins(this IServiceCollection services, Deployment deployment, System.Collections.IDictionary environment)
    {
        var file = PluginsFile.PathFor(deployment.Directory, environment);
        var database = new HostPluginDatabase(deployment.Database);
        List<LoadedPlugin> plugins = [];
        foreach (var entry in PluginsFile.Read(file, environment).Where(e => e.Enabled))
        {
            var plugin = PluginLoader.Load(entry, deployment.Directory);
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

            plugins.Add(plugin);
        }

        services.AddSingleton(new PluginCatalog(plugins, services.Any(d => d.ServiceType == typeof(IPostUploadHook))));
        services.AddHostedService<PluginMigrationRunner>();
        return services;
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
internal sealed record PluginCatalog(IReadOnlyList<LoadedPlugin> Plugins, bool HasPostUploadHooks);

/// <summary>The host's database offered to plugins: same connection, the plugin's migrations and history table.</summary>
internal sealed class HostPluginDatabase(DatabaseUrl url) : PluginDatabase
{
    public override DatabaseProvider Provider => url.Provider == DatabaseProvider.PostgreSql ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite;

    public override void Configure(DbContextOptionsBuilder options, string migrationsAssembly)
    {
        var history = "__migrations_" + migrationsAssembly.Replace('.', '_').ToLowerInvariant();
        var assembly = Loaded(options.Options.ContextType, migrationsAssembly);
        if (url.Provider == DatabaseProvider.PostgreSql)
        {
            options.UseNpgsql(url.ConnectionString, o => o.MigrationsAssembly(assembly).MigrationsHistoryTable(history));
        }
        else
        {
            options.UseSqlite(url.ConnectionString, o => o.MigrationsAssembly(assembly).MigrationsHistoryTable(history));
        }
    }

    /// <summary>
    /// The migrations assembly as the plugin's load context loaded it. EF would resolve a name in the default
    /// context, where a plugin's assembly cannot be found, and a process running several hosts (tests) has one
    /// copy per host, each matching only its own context types.
    /// </summary>
    private static System.Reflection.Assembly Loaded(Type context, string name) =>
        System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(context.Assembly)?.Assemblies.FirstOrDefault(a => a.GetName().Name == name)
            ?? throw new InvalidOperationException($"assembly {name} is not loaded beside {context.FullName}");
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
