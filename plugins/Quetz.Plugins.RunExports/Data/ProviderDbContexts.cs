using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Quetz.Plugins.RunExports.Data;

/// <summary>The table on SQLite, with its migrations under Data/Migrations/Sqlite.</summary>
internal sealed class SqliteRunExportsDbContext(DbContextOptions<SqliteRunExportsDbContext> options) : RunExportsDbContext(options);

/// <summary>The table on PostgreSQL, with its migrations under Data/Migrations/Postgres.</summary>
internal sealed class PostgresRunExportsDbContext(DbContextOptions<PostgresRunExportsDbContext> options) : RunExportsDbContext(options);

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteRunExportsDbContext</c> build the model.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteRunExportsDbContext>
{
    public SqliteRunExportsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteRunExportsDbContext>().UseSqlite("Data Source=design.sqlite").Options);
}

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresRunExportsDbContext</c> build the model.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresRunExportsDbContext>
{
    public PostgresRunExportsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresRunExportsDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
