using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Quetz.Abstractions.Data;

/// <summary>
/// A plugin's migrations, applied by the host at start-up. Registered by <see cref="PluginDatabaseRegistration"/>;
/// only the host sees it, so it is not part of the contract.
/// </summary>
internal interface IPluginMigrations
{
    /// <summary>The plugin that owns them.</summary>
    string Plugin { get; }

    /// <summary>Applies every pending migration.</summary>
    Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken);
}

internal sealed class PluginMigrations<TContext>(string plugin) : IPluginMigrations
    where TContext : DbContext
{
    public string Plugin { get; } = plugin;

    public async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TContext>().Database.MigrateAsync(cancellationToken);
    }
}
