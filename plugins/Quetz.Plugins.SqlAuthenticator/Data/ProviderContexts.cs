using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Quetz.Plugins.SqlAuthenticator.Data;

/// <summary>The tables on SQLite, with the migrations under Data/Migrations/Sqlite.</summary>
internal sealed class SqliteSqlAuthDbContext(DbContextOptions<SqliteSqlAuthDbContext> options) : SqlAuthDbContext(options);

/// <summary>The tables on PostgreSQL, with the migrations under Data/Migrations/Postgres.</summary>
internal sealed class PostgresSqlAuthDbContext(DbContextOptions<PostgresSqlAuthDbContext> options) : SqlAuthDbContext(options);

/// <summary>
/// Lets dotnet ef build the model: <c>dotnet build plugins/Quetz.Plugins.SqlAuthenticator -p:EfDesign=true</c>, then
/// <c>dotnet tool run dotnet-ef migrations add NAME --no-build --project plugins/Quetz.Plugins.SqlAuthenticator --context SqliteSqlAuthDbContext --output-dir Data/Migrations/Sqlite</c>.
/// </summary>
internal sealed class SqliteSqlAuthDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSqlAuthDbContext>
{
    public SqliteSqlAuthDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSqlAuthDbContext>().UseSqlite("Data Source=design.sqlite").Options);
}

/// <summary>As <see cref="SqliteSqlAuthDesignTimeFactory"/>, with <c>--context PostgresSqlAuthDbContext --output-dir Data/Migrations/Postgres</c>.</summary>
internal sealed class PostgresSqlAuthDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSqlAuthDbContext>
{
    public PostgresSqlAuthDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSqlAuthDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
