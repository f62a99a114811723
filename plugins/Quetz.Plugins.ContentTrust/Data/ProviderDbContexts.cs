using Microsoft.EntityFrameworkCore;

namespace Quetz.Plugins.ContentTrust.Data;

/// <summary>The tables on SQLite, with the migrations under Data/Migrations/Sqlite.</summary>
public sealed class SqliteContentTrustDbContext(DbContextOptions<SqliteContentTrustDbContext> options) : ContentTrustDbContext(options);

/// <summary>The tables on PostgreSQL, with the migrations under Data/Migrations/Postgres.</summary>
public sealed class PostgresContentTrustDbContext(DbContextOptions<PostgresContentTrustDbContext> options) : ContentTrustDbContext(options);

/// <summary>Lets <c>dotnet ef … --context SqliteContentTrustDbContext</c> (plugins/README.md) make the context.</summary>
internal sealed class SqliteContentTrustDesignTimeFactory() : SqliteDesignTimeFactory<SqliteContentTrustDbContext>(options => new(options));

/// <summary>Lets <c>dotnet ef … --context PostgresContentTrustDbContext</c> (plugins/README.md) make the context.</summary>
internal sealed class PostgresContentTrustDesignTimeFactory() : PostgresDesignTimeFactory<PostgresContentTrustDbContext>(options => new(options));
