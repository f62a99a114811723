using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Quetz.Plugins;

/// <summary>
/// Lets <c>dotnet ef</c> make a plugin's SQLite provider context, whose only constructor takes options the host
/// normally supplies. dotnet ef finds a factory only as a closed type in the plugin's own assembly, so each plugin
/// derives one line per provider context; the contract cannot hold this (Quetz.Abstractions does not depend on EF
/// Core), so plugins/Directory.Build.targets links this file into every plugin that sets <c>UsesHostDatabase</c>.
/// Making a migration needs only the model: the connection string names the provider and is not opened.
/// </summary>
internal abstract class SqliteDesignTimeFactory<TContext>(Func<DbContextOptions<TContext>, TContext> create)
    : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) =>
        create(new DbContextOptionsBuilder<TContext>().UseSqlite("Data Source=design.sqlite").Options);
}

/// <summary>As <see cref="SqliteDesignTimeFactory{TContext}"/>, for the PostgreSQL provider context.</summary>
internal abstract class PostgresDesignTimeFactory<TContext>(Func<DbContextOptions<TContext>, TContext> create)
    : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) =>
        create(new DbContextOptionsBuilder<TContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
