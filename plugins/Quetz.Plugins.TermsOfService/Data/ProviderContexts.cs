using Microsoft.EntityFrameworkCore;

namespace Quetz.Plugins.TermsOfService.Data;

/// <summary>The tables on SQLite, with the migrations under Data/Migrations/Sqlite.</summary>
internal sealed class SqliteTermsDbContext(DbContextOptions<SqliteTermsDbContext> options) : TermsDbContext(options);

/// <summary>The tables on PostgreSQL, with the migrations under Data/Migrations/Postgres.</summary>
internal sealed class PostgresTermsDbContext(DbContextOptions<PostgresTermsDbContext> options) : TermsDbContext(options);

/// <summary>Lets <c>dotnet ef … --context SqliteTermsDbContext</c> (plugins/README.md) make the context.</summary>
internal sealed class SqliteTermsDesignTimeFactory() : SqliteDesignTimeFactory<SqliteTermsDbContext>(options => new(options));

/// <summary>Lets <c>dotnet ef … --context PostgresTermsDbContext</c> (plugins/README.md) make the context.</summary>
internal sealed class PostgresTermsDesignTimeFactory() : PostgresDesignTimeFactory<PostgresTermsDbContext>(options => new(options));
