using Microsoft.EntityFrameworkCore;

namespace Quetz.Plugins.TermsOfService.Data;

/// <summary>
/// The plugin's tables, named as quetz_tos names them. Signatures do not reference the host's <c>users</c> table:
/// it is not part of this model, and a signature of a removed user is harmless.
/// </summary>
internal abstract class TermsDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<TermsDocument> Terms => Set<TermsDocument>();

    public DbSet<TermsFile> Files => Set<TermsFile>();

    public DbSet<TermsSignature> Signatures => Set<TermsSignature>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TermsDocument>(e =>
        {
            e.ToTable("quetz_tos");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).HasColumnName("id");
            e.Property(t => t.UploaderId).HasColumnName("uploader_id");
            e.Property(t => t.TimeCreated).HasColumnName("time_created");
            e.HasIndex(t => t.TimeCreated);
            e.HasMany(t => t.Files).WithOne().HasForeignKey(f => f.TosId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(t => t.Signatures).WithOne().HasForeignKey(s => s.TosId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<TermsFile>(e =>
        {
            e.ToTable("quetz_tos_file");
            e.HasKey(f => f.Id);
            e.Property(f => f.Id).HasColumnName("id");
            e.Property(f => f.TosId).HasColumnName("tos_id");
            e.Property(f => f.Filename).HasColumnName("filename");
            e.Property(f => f.Language).HasColumnName("language");
            e.Property(f => f.Position).HasColumnName("position");
        });
        modelBuilder.Entity<TermsSignature>(e =>
        {
            e.ToTable("quetz_tos_signatures");
            e.HasKey(s => new { s.TosId, s.UserId });
            e.Property(s => s.TosId).HasColumnName("tos_id");
            e.Property(s => s.UserId).HasColumnName("user_id");
            e.Property(s => s.TimeCreated).HasColumnName("time_created");
        });
    }
}
