using Microsoft.EntityFrameworkCore;

namespace Quetz.Plugins.SqlAuthenticator.Data;

/// <summary>The tables on SQLite, with the migrations under Data/Migrations/Sqlite.</summary>
internal sealed class SqliteSqlAuthDbContext(DbContextOptions<SqliteSqlAuthDbContext> options) : SqlAuthDbContext(options);

/// <summary>The tables on PostgreSQL, with the migrations under Data/Migrations/Postgres.</summary>
internal sealed class PostgresSqlAuthDbContext(DbContextOptions<PostgresSqlAuthDbContext> options) : SqlAuthDbContext(options);

/// <summary>Lets <c>dotnet ef … --context SqliteSqlAuthDbContext</c> (plugins/README.md) make the context.</summary>
internal sealed class SqliteSqlAuthDesignTimeFactory() : SqliteDesignTimeFactory<SqliteSqlAuthDbContext>(options => new(options));

/// <summary>Lets <c>dotnet ef … --context PostgresSqlAuthDbContext</c> (plugins/README.md) make the context.</summary>
internal sealed class PostgresSqlAuthDesignTimeFactory() : PostgresDesignTimeFactory<PostgresSqlAuthDbContext>(options => new(options));
