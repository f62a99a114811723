using Microsoft.EntityFrameworkCore;

namespace Quetz.Plugins.RunExports.Data;

/// <summary>The table on SQLite, with its migrations under Data/Migrations/Sqlite.</summary>
internal sealed class SqliteRunExportsDbContext(DbContextOptions<SqliteRunExportsDbContext> options) : RunExportsDbContext(options);

/// <summary>The table on PostgreSQL, with its migrations under Data/Migrations/Postgres.</summary>
internal sealed class PostgresRunExportsDbContext(DbContextOptions<PostgresRunExportsDbContext> options) : RunExportsDbContext(options);

/// <summary>Lets <c>dotnet ef … --context SqliteRunExportsDbContext</c> (plugins/README.md) make the context.</summary>
internal sealed class SqliteRunExportsDesignTimeFactory() : SqliteDesignTimeFactory<SqliteRunExportsDbContext>(options => new(options));

/// <summary>Lets <c>dotnet ef … --context PostgresRunExportsDbContext</c> (plugins/README.md) make the context.</summary>
internal sealed class PostgresRunExportsDesignTimeFactory() : PostgresDesignTimeFactory<PostgresRunExportsDbContext>(options => new(options));
