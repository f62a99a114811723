using Microsoft.EntityFrameworkCore;

namespace Quetz.Plugins.SqlAuthenticator.Data;

/// <summary>The plugin's tables: quetz-sql-authenticator's <c>credentials</c>, and the failed logins it did not count.</summary>
internal abstract class SqlAuthDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Credential> Credentials => Set<Credential>();

    public DbSet<LoginFailure> LoginFailures => Set<LoginFailure>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Credential>(e =>
        {
            e.ToTable("credentials");
            e.HasKey(c => c.Username);
            e.Property(c => c.Username).HasColumnName("username");
            e.Property(c => c.PasswordHash).HasColumnName("password_hash");
        });
        modelBuilder.Entity<LoginFailure>(e =>
        {
            e.ToTable("sqlauth_login_failures");
            e.HasKey(f => f.Id);
            e.Property(f => f.Id).HasColumnName("id");
            e.Property(f => f.Scope).HasColumnName("scope").HasMaxLength(16);
            e.Property(f => f.Key).HasColumnName("key").HasMaxLength(512);
            e.Property(f => f.AttemptId).HasColumnName("attempt_id");
            e.Property(f => f.TimeFailed).HasColumnName("time_failed");
            e.HasIndex(f => new { f.Scope, f.Key, f.TimeFailed });
            e.HasIndex(f => f.TimeFailed);
        });
    }
}
