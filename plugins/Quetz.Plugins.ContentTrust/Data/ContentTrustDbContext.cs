using Microsoft.EntityFrameworkCore;

namespace Quetz.Plugins.ContentTrust.Data;

/// <summary>The plugin's tables, named as quetz's content-trust plugin names them.</summary>
public abstract class ContentTrustDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<TrustRole> Roles => Set<TrustRole>();

    public DbSet<RoleDelegation> Delegations => Set<RoleDelegation>();

    public DbSet<DelegationKey> DelegationKeys => Set<DelegationKey>();

    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<TrustRole>(e =>
        {
            e.ToTable("content_trust_roles");
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).HasColumnName("id");
            e.Property(r => r.Channel).HasColumnName("channel");
            e.Property(r => r.Type).HasColumnName("type");
            e.Property(r => r.Version).HasColumnName("version");
            e.Property(r => r.Timestamp).HasColumnName("timestamp");
            e.Property(r => r.Expiration).HasColumnName("expiration");
            e.Property(r => r.DelegatorId).HasColumnName("delegator_id");
            e.Property(r => r.TimeCreated).HasColumnName("time_created");
            e.HasIndex(r => new { r.Channel, r.Type }).IsUnique();
            e.HasMany(r => r.Delegations).WithOne().HasForeignKey(d => d.IssuerId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<RoleDelegation>(e =>
        {
            e.ToTable("role_delegations");
            e.HasKey(d => d.Id);
            e.Property(d => d.Id).HasColumnName("id");
            e.Property(d => d.IssuerId).HasColumnName("issuer_id");
            e.Property(d => d.Channel).HasColumnName("channel");
            e.Property(d => d.Type).HasColumnName("type");
            e.Property(d => d.Threshold).HasColumnName("threshold");
            e.Property(d => d.TimeCreated).HasColumnName("time_created");
            e.HasIndex(d => new { d.Channel, d.Type });
            e.HasMany(d => d.Keys).WithOne().HasForeignKey(k => k.DelegationId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DelegationKey>(e =>
        {
            e.ToTable("delegations_keys");
            e.HasKey(k => new { k.DelegationId, k.PublicKey });
            e.Property(k => k.DelegationId).HasColumnName("role_delegations_id");
            e.Property(k => k.PublicKey).HasColumnName("signing_keys_public_key");
            e.HasOne<SigningKey>().WithMany().HasForeignKey(k => k.PublicKey).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<SigningKey>(e =>
        {
            e.ToTable("signing_keys");
            e.HasKey(k => k.PublicKey);
            e.Property(k => k.PublicKey).HasColumnName("public_key");
            e.Property(k => k.PrivateKey).HasColumnName("private_key");
            e.Property(k => k.UserId).HasColumnName("user_id");
            e.Property(k => k.TimeCreated).HasColumnName("time_created");
        });
    }
}
