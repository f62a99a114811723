using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Quetz.Plugins.TermsOfService.Data;

/// <summary>The tables on SQLite, with the migrations under Data/Migrations/Sqlite.</summary>
internal sealed class SqliteTermsDbContext(DbContextOptions<SqliteTermsDbContext> options) : TermsDbContext(options);

/// <summary>The tables on PostgreSQL, with the migrations under Data/Migrations/Postgres.</summary>
internal sealed class PostgresTermsDbContext(DbContextOptions<PostgresTermsDbContext> options) : TermsDbContext(options);

/// <summary>
/// Lets dotnet ef build the model: <c>dotnet build plugins/Quetz.Plugins.TermsOfService -p:EfDesign=true</c>, then
/// <c>dotnet tool run dotnet-ef migrations add NAME --no-build --project plugins/Quetz.Plugins.TermsOfService --context SqliteTermsDbContext --output-dir Data/Migrations/Sqlite</c>.
/// </summary>
internal sealed class SqliteTermsDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTermsDbContext>
{
    public SqliteTermsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTermsDbContext>().UseSqlite("Data Source=design.sqlite").Options);
}

/// <summary>As <see cref="SqliteTermsDesignTimeFactory"/>, with <c>--context PostgresTermsDbContext --output-dir Data/Migrations/Postgres</c>.</summary>
internal sealed class PostgresTermsDesignTimeFactory : IDesignTimeDbContextFactory<PostgresTermsDbContext>
{
    public PostgresTermsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresTermsDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
