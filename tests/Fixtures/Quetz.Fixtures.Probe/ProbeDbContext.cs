using Microsoft.EntityFrameworkCore;
using Quetz.Plugins;

namespace Quetz.Fixtures.Probe;

/// <summary>The plugin's one table.</summary>
public abstract class ProbeDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ProbeNote> Notes => Set<ProbeNote>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<ProbeNote>(e =>
        {
            e.ToTable("probe_notes");
            e.Property(n => n.Text).HasMaxLength(200);
        });
    }
}

public sealed class ProbeNote
{
    public int Id { get; set; }

    public required string Text { get; set; }
}

public sealed class SqliteProbeDbContext(DbContextOptions<SqliteProbeDbContext> options) : ProbeDbContext(options);

public sealed class PostgresProbeDbContext(DbContextOptions<PostgresProbeDbContext> options) : ProbeDbContext(options);

/// <summary>Lets <c>dotnet ef … --context SqliteProbeDbContext</c> (plugins/README.md) make the context.</summary>
internal sealed class SqliteProbeDesignTimeFactory() : SqliteDesignTimeFactory<SqliteProbeDbContext>(options => new(options));

/// <summary>Lets <c>dotnet ef … --context PostgresProbeDbContext</c> (plugins/README.md) make the context.</summary>
internal sealed class PostgresProbeDesignTimeFactory() : PostgresDesignTimeFactory<PostgresProbeDbContext>(options => new(options));
