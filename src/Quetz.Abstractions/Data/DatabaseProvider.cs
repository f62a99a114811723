namespace Quetz.Abstractions.Data;

/// <summary>The database engine the host runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>SQLite, the embedded default.</summary>
    Sqlite,

    /// <summary>PostgreSQL, for several hosts sharing one database.</summary>
    PostgreSql,
}
