using Microsoft.EntityFrameworkCore;

namespace Quetz.Plugins.RunExports.Data;

/// <summary>The plugin's one table; each database has its own subclass carrying its own migrations.</summary>
internal abstract class RunExportsDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<PackageRunExports> RunExports => Set<PackageRunExports>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PackageRunExports>(e =>
        {
            // quetz's table name; its rows were keyed by the host's version id, ours by the file's place.
            e.ToTable("quetz_runexports_package_version_metadata");
            e.HasKey(r => new { r.Channel, r.Platform, r.Filename });
            e.Property(r => r.Channel).HasColumnName("channel_name").HasMaxLength(256);
            e.Property(r => r.Platform).HasColumnName("platform").HasMaxLength(64);
            e.Property(r => r.Filename).HasColumnName("filename").HasMaxLength(512);
            e.Property(r => r.PackageName).HasColumnName("package_name").HasMaxLength(256);
            e.Property(r => r.Sha256).HasColumnName("sha256").HasMaxLength(64);
            e.Property(r => r.Data).HasColumnName("data");
        });
    }
}
