using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

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

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteProbeDbContext</c> build the model.</summary>
public sealed class SqliteProbeDesignTimeFactory : IDesignTimeDbContextFactory<SqliteProbeDbContext>
{
    public SqliteProbeDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteProbeDbContext>().UseSqlite("Data Source=design.sqlite").Options);
}

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresProbeDbContext</c> build the model.</summary>
public sealed class PostgresProbeDesignTimeFactory : IDesignTimeDbContextFactory<PostgresProbeDbContext>
{
    public PostgresProbeDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresProbeDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
