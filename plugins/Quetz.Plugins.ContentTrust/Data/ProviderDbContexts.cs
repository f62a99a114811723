using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Quetz.Plugins.ContentTrust.Data;

/// <summary>The tables on SQLite, with the migrations under Data/Migrations/Sqlite.</summary>
public sealed class SqliteContentTrustDbContext(DbContextOptions<SqliteContentTrustDbContext> options) : ContentTrustDbContext(options);

/// <summary>The tables on PostgreSQL, with the migrations under Data/Migrations/Postgres.</summary>
public sealed class PostgresContentTrustDbContext(DbContextOptions<PostgresContentTrustDbContext> options) : ContentTrustDbContext(options);

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteContentTrustDbContext</c> build the model.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteContentTrustDbContext>
{
    public SqliteContentTrustDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteContentTrustDbContext>().UseSqlite("Data Source=design.sqlite").Options);
}

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresContentTrustDbContext</c> build the model.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresContentTrustDbContext>
{
    public PostgresContentTrustDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresContentTrustDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
