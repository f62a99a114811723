using Microsoft.EntityFrameworkCore;
using Quetz.Abstractions.Data;
using Quetz.Host.Config;

namespace Quetz.Host.Data;

/// <summary>Applies pending migrations; EF Core takes a database lock, so hosts starting together migrate once.</summary>
internal static class DatabaseMigrator
{
    public static async Task MigrateAsync(DatabaseUrl url, CancellationToken ct)
    {
        await using var db = DatabaseRegistration.CreateContext(url);
        await db.Database.MigrateAsync(ct);
        if (url.Provider == DatabaseProvider.Sqlite)
        {
            // Readers do not wait for a writer in WAL mode, which a web server with many readers needs.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}
