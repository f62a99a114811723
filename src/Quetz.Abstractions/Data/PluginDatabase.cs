using Microsoft.EntityFrameworkCore;

namespace Quetz.Abstractions.Data;

/// <summary>
/// The host's database as a plugin sees it. A plugin owns tables through its own <see cref="DbContext"/> with its
/// own migrations for each provider; the host configures the connection, keeps each plugin's migration history
/// in a table of its own and applies the migrations at start-up, after its own.
/// </summary>
public abstract class PluginDatabase
{
    /// <summary>The engine the host runs on; pick the context whose migrations were made for it.</summary>
    public abstract DatabaseProvider Provider { get; }

    /// <summary>
    /// Points <paramref name="options"/> at the host's database, with the migrations of
    /// <paramref name="migrationsAssembly"/> and the plugin's own migration history table.
    /// </summary>
    public abstract void Configure(DbContextOptionsBuilder options, string migrationsAssembly);
}
