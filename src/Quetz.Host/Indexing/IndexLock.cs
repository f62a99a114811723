using System.Collections.Concurrent;
using Npgsql;
using Quetz.Host.Data;

namespace Quetz.Host.Indexing;

/// <summary>
/// One index build per channel subdir at a time. On PostgreSQL a session advisory lock holds across every host of a
/// scaled-out deployment; a SQLite deployment is one host, where an in-process lock suffices.
/// </summary>
internal sealed class IndexLock(HostDatabase database)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _local = new(StringComparer.Ordinal);

    public async Task<IAsyncDisposable> AcquireAsync(string channel, string subdir, CancellationToken ct)
    {
        var name = $"quetz-index:{channel}/{subdir}";
        var semaphore = _local.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await semaphore.WaitAsync(ct);
        if (database.PostgreSql is not { } postgres)
        {
            return new Release(semaphore, null, name);
        }

        try
        {
            var connection = await postgres.OpenConnectionAsync(ct);
            await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended(@name, 0))", connection))
            {
                command.Parameters.AddWithValue("name", name);
                await command.ExecuteNonQueryAsync(ct);
            }

            return new Release(semaphore, connection, name);
        }
        catch
        {
            semaphore.Release();
            throw;
        }
    }

    /// <summary>Unlocks explicitly: a pooled connection keeps its session, and with it the lock, after Dispose.</summary>
    private sealed class Release(SemaphoreSlim semaphore, NpgsqlConnection? connection, string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (connection is not null)
            {
                await using (var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended(@name, 0))", connection))
                {
                    command.Parameters.AddWithValue("name", name);
                    await command.ExecuteNonQueryAsync();
                }

                await connection.DisposeAsync();
            }

            semaphore.Release();
        }
    }
}
