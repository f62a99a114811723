using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Quetz.Host.Data;

/// <summary>The model on SQLite, with its own migrations under Data/Migrations/Sqlite.</summary>
internal sealed class SqliteQuetzDbContext(DbContextOptions<SqliteQuetzDbContext> options) : QuetzDbContext(options);

/// <summary>The model on PostgreSQL, with its own migrations under Data/Migrations/Postgres.</summary>
internal sealed class PostgresQuetzDbContext(DbContextOptions<PostgresQuetzDbContext> options) : QuetzDbContext(options);

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteQuetzDbContext</c> build the model.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteQuetzDbContext>
{
    public SqliteQuetzDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteQuetzDbContext>().UseSqlite("Data Source=design.sqlite").Options);
}

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresQuetzDbContext</c> build the model.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresQuetzDbContext>
{
    public PostgresQuetzDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresQuetzDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
