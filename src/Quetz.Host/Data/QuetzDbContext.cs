using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Quetz.Host.Data;

/// <summary>
/// The quetz data model (tables and columns named as quetz names them). Each database has its own
/// subclass so that each carries its own migrations.
/// </summary>
internal abstract class QuetzDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<Profile> Profiles => Set<Profile>();
    public DbSet<Identity> Identities => Set<Identity>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Channel> Channels => Set<Channel>();
    public DbSet<ChannelMember> ChannelMembers => Set<ChannelMember>();
    public DbSet<ChannelMirror> ChannelMirrors => Set<ChannelMirror>();
    public DbSet<Package> Packages => Set<Package>();
    public DbSet<PackageMember> PackageMembers => Set<PackageMember>();
    public DbSet<PackageVersion> PackageVersions => Set<PackageVersion>();
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<JobTask> Tasks => Set<JobTask>();
    public DbSet<AggregatedMetric> AggregatedMetrics => Set<AggregatedMetric>();
    public DbSet<SubdirIndex> SubdirIndexes => Set<SubdirIndex>();
    public DbSet<IndexChange> IndexChanges => Set<IndexChange>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite gives back unspecified kinds, so mark them on the way in.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<User>(e =>
        {
            e.ToTable("users");
            e.HasKey(u => u.Id);
            e.Property(u => u.Id).HasColumnName("id");
            e.Property(u => u.Username).HasColumnName("username").HasMaxLength(256);
            e.HasIndex(u => u.Username).IsUnique();
            e.Property(u => u.Role).HasColumnName("role").HasMaxLength(32);
            e.HasOne(u => u.Profile).WithOne(p => p.User).HasForeignKey<Profile>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(u => u.Identities).WithOne().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Profile>(e =>
        {
            e.ToTable("profiles");
            e.HasKey(p => p.UserId);
            e.Property(p => p.UserId).HasColumnName("user_id");
            e.Property(p => p.Name).HasColumnName("name");
            e.Property(p => p.AvatarUrl).HasColumnName("avatar_url");
        });
        b.Entity<Identity>(e =>
        {
            e.ToTable("identities");
            e.HasKey(i => new { i.Provider, i.IdentityId });
            e.Property(i => i.Provider).HasColumnName("provider").HasMaxLength(64);
            e.Property(i => i.IdentityId).HasColumnName("identity_id").HasMaxLength(256);
            e.Property(i => i.Username).HasColumnName("username");
            e.Property(i => i.UserId).HasColumnName("user_id");
        });
        b.Entity<ApiKey>(e =>
        {
            e.ToTable("api_keys");
            e.HasKey(k => k.Id);
            e.Property(k => k.Id).HasColumnName("id");
            e.Property(k => k.LookupHash).HasColumnName("lookup_hash").HasMaxLength(64);
            e.HasIndex(k => k.LookupHash).IsUnique();
            e.Property(k => k.ProtectedKey).HasColumnName("protected_key");
            e.Property(k => k.Description).HasColumnName("description");
            e.Property(k => k.TimeCreated).HasColumnName("time_created");
            e.Property(k => k.ExpireAt).HasColumnName("expire_at");
            e.Property(k => k.Deleted).HasColumnName("deleted");
            e.Property(k => k.UserId).HasColumnName("user_id");
            e.Property(k => k.OwnerId).HasColumnName("owner_id");
            e.HasOne<User>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(k => k.OwnerId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(k => k.OwnerId);
            e.HasIndex(k => k.UserId);
        });
        b.Entity<Channel>(e =>
        {
            e.ToTable("channels");
            e.HasKey(c => c.Name);
            e.Property(c => c.Name).HasColumnName("name").HasMaxLength(100);
            e.Property(c => c.NormalizedName).HasColumnName("normalized_name").HasMaxLength(100);
            e.HasIndex(c => c.NormalizedName).IsUnique();
            e.Property(c => c.Description).HasColumnName("description");
            e.Property(c => c.Private).HasColumnName("private");
            e.Property(c => c.MirrorChannelUrl).HasColumnName("mirror_channel_url");
            e.Property(c => c.MirrorMode).HasColumnName("mirror_mode").HasMaxLength(16);
            e.Property(c => c.Metadata).HasColumnName("channel_metadata");
            e.Property(c => c.Size).HasColumnName("size");
            e.Property(c => c.SizeLimit).HasColumnName("size_limit");
            e.Property(c => c.Ttl).HasColumnName("ttl");
        });
        b.Entity<ChannelMember>(e =>
        {
            e.ToTable("channel_members");
            e.HasKey(m => new { m.ChannelName, m.UserId });
            e.Property(m => m.ChannelName).HasColumnName("channel_name");
            e.Property(m => m.UserId).HasColumnName("user_id");
            e.Property(m => m.Role).HasColumnName("role").HasMaxLength(32);
            e.HasOne<Channel>().WithMany().HasForeignKey(m => m.ChannelName).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => m.UserId);
        });
        b.Entity<ChannelMirror>(e =>
        {
            e.ToTable("channel_mirrors");
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).HasColumnName("id");
            e.Property(m => m.ChannelName).HasColumnName("channel_name");
            e.Property(m => m.Url).HasColumnName("url");
            e.HasIndex(m => m.Url).IsUnique();
            e.Property(m => m.ApiEndpoint).HasColumnName("api_endpoint");
            e.Property(m => m.MetricsEndpoint).HasColumnName("metrics_endpoint");
            e.Property(m => m.LastSynchronised).HasColumnName("last_synchronised");
            e.HasOne<Channel>().WithMany().HasForeignKey(m => m.ChannelName).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Package>(e =>
        {
            e.ToTable("packages");
            e.HasKey(p => new { p.ChannelName, p.Name });
            e.Property(p => p.ChannelName).HasColumnName("channel_name");
            e.Property(p => p.Name).HasColumnName("name").HasMaxLength(1500);
            e.Property(p => p.Description).HasColumnName("description");
            e.Property(p => p.Summary).HasColumnName("summary");
            e.Property(p => p.ChannelData).HasColumnName("channeldata");
            e.Property(p => p.Url).HasColumnName("url");
            e.Property(p => p.Platforms).HasColumnName("platforms");
            e.HasOne<Channel>().WithMany().HasForeignKey(p => p.ChannelName).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<PackageMember>(e =>
        {
            e.ToTable("package_members");
            e.HasKey(m => new { m.ChannelName, m.PackageName, m.UserId });
            e.Property(m => m.ChannelName).HasColumnName("channel_name");
            e.Property(m => m.PackageName).HasColumnName("package_name");
            e.Property(m => m.UserId).HasColumnName("user_id");
            e.Property(m => m.Role).HasColumnName("role").HasMaxLength(32);
            e.HasOne<Package>().WithMany().HasForeignKey(m => new { m.ChannelName, m.PackageName }).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => m.UserId);
        });
        b.Entity<PackageVersion>(e =>
        {
            e.ToTable("package_versions");
            e.HasKey(v => v.Id);
            e.Property(v => v.Id).HasColumnName("id");
            e.Property(v => v.ChannelName).HasColumnName("channel_name");
            e.Property(v => v.PackageName).HasColumnName("package_name");
            e.Property(v => v.PackageFormat).HasColumnName("package_format").HasMaxLength(8);
            e.Property(v => v.Platform).HasColumnName("platform");
            e.Property(v => v.Version).HasColumnName("version");
            e.Property(v => v.BuildString).HasColumnName("build_string");
            e.Property(v => v.BuildNumber).HasColumnName("build_number");
            e.Property(v => v.Size).HasColumnName("size");
            e.Property(v => v.VersionOrder).HasColumnName("version_order");
            e.Property(v => v.DownloadCount).HasColumnName("download_count");
            e.Property(v => v.Filename).HasColumnName("filename");
            e.Property(v => v.Info).HasColumnName("info");
            e.Property(v => v.UploaderId).HasColumnName("uploader_id");
            e.Property(v => v.TimeCreated).HasColumnName("time_created");
            e.Property(v => v.TimeModified).HasColumnName("time_modified");
            e.HasOne<Package>().WithMany().HasForeignKey(v => new { v.ChannelName, v.PackageName }).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(v => v.Uploader).WithMany().HasForeignKey(v => v.UploaderId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(v => new { v.ChannelName, v.Filename, v.Platform }).IsUnique();
            e.HasIndex(v => new { v.ChannelName, v.PackageName, v.PackageFormat, v.Platform, v.Version, v.BuildString, v.BuildNumber }).IsUnique();
            e.HasIndex(v => new { v.ChannelName, v.Platform });
        });
        b.Entity<Job>(e =>
        {
            e.ToTable("jobs");
            e.HasKey(j => j.Id);
            e.Property(j => j.Id).HasColumnName("id");
            e.Property(j => j.Created).HasColumnName("created");
            e.Property(j => j.Updated).HasColumnName("updated");
            e.Property(j => j.Manifest).HasColumnName("manifest");
            e.Property(j => j.OwnerId).HasColumnName("owner_id");
            e.Property(j => j.ItemsSpec).HasColumnName("items_spec");
            e.Property(j => j.Status).HasColumnName("status").HasMaxLength(16);
            e.Property(j => j.ExtraArgs).HasColumnName("extra_args");
            e.Property(j => j.StartAt).HasColumnName("start_at");
            e.Property(j => j.RepeatEverySeconds).HasColumnName("repeat_every_seconds");
            e.HasOne<User>().WithMany().HasForeignKey(j => j.OwnerId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(j => j.Status);
        });
        b.Entity<JobTask>(e =>
        {
            e.ToTable("tasks");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).HasColumnName("id");
            e.Property(t => t.Created).HasColumnName("created");
            e.Property(t => t.Updated).HasColumnName("updated");
            e.Property(t => t.Status).HasColumnName("status").HasMaxLength(16);
            e.Property(t => t.JobId).HasColumnName("job_id");
            e.Property(t => t.PackageVersionId).HasColumnName("package_version_id");
            e.HasOne<Job>().WithMany().HasForeignKey(t => t.JobId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<PackageVersion>().WithMany().HasForeignKey(t => t.PackageVersionId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AggregatedMetric>(e =>
        {
            e.ToTable("aggregated_metrics");
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).HasColumnName("id");
            e.Property(m => m.ChannelName).HasColumnName("channel_name");
            e.Property(m => m.Platform).HasColumnName("platform");
            e.Property(m => m.Filename).HasColumnName("filename");
            e.Property(m => m.MetricName).HasColumnName("metric_name").HasMaxLength(255);
            e.Property(m => m.Period).HasColumnName("period").HasMaxLength(1);
            e.Property(m => m.Count).HasColumnName("count");
            e.Property(m => m.Timestamp).HasColumnName("timestamp");
            e.HasIndex(m => new { m.ChannelName, m.Platform, m.Filename, m.MetricName, m.Period, m.Timestamp }).IsUnique();
        });
        ConfigureIndexing(b);
    }

    private static void ConfigureIndexing(ModelBuilder b)
    {
        b.Entity<SubdirIndex>(e =>
        {
            e.ToTable("subdir_indexes");
            e.HasKey(i => new { i.ChannelName, i.Subdir });
            e.Property(i => i.ChannelName).HasColumnName("channel_name");
            e.Property(i => i.Subdir).HasColumnName("subdir");
            e.Property(i => i.Generation).HasColumnName("generation");
            e.Property(i => i.PublishedGeneration).HasColumnName("published_generation");
            e.Property(i => i.Epoch).HasColumnName("epoch");
            e.HasOne<Channel>().WithMany().HasForeignKey(i => i.ChannelName).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<IndexChange>(e =>
        {
            e.ToTable("index_changes");
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).HasColumnName("id");
            e.Property(c => c.ChannelName).HasColumnName("channel_name");
            e.Property(c => c.Subdir).HasColumnName("subdir");
            e.Property(c => c.Generation).HasColumnName("generation");
            e.Property(c => c.Filename).HasColumnName("filename");
            e.HasIndex(c => new { c.ChannelName, c.Subdir, c.Generation });
            e.HasOne<Channel>().WithMany().HasForeignKey(c => c.ChannelName).OnDelete(DeleteBehavior.Cascade);
        });
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
