using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Quetz.Plugins.SqlAuthenticator.Data;

namespace Quetz.Plugins.SqlAuthenticator;

/// <summary>
/// Limits failed logins per user name and per client address within a sliding window. An attempt is written down
/// before its password is checked and counted together with the failures already there, so parallel guesses cannot
/// all slip past the limit; a success removes its own rows and the user's earlier failures.
/// </summary>
internal sealed class LoginThrottle(SqlAuthDbContext db, TimeProvider time, SqlAuthOptions options)
{
    /// <summary>Records an attempt; returns its id, or the time to wait when the user or the address is locked.</summary>
    public async Task<(Guid Attempt, TimeSpan? RetryAfter)> BeginAsync(string username, IPAddress? client, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var since = now - options.Window;
        var address = AddressKey(client);
        await db.LoginFailures.Where(f => f.TimeFailed < since).ExecuteDeleteAsync(ct);

        var attempt = Guid.NewGuid();
        db.LoginFailures.AddRange(
            new LoginFailure { Scope = LoginScopes.User, Key = username, AttemptId = attempt, TimeFailed = now },
            new LoginFailure { Scope = LoginScopes.Address, Key = address, AttemptId = attempt, TimeFailed = now });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var wait = Max(
            await WaitAsync(LoginScopes.User, username, attempt, since, options.MaxFailuresPerUser, now, ct),
            await WaitAsync(LoginScopes.Address, address, attempt, since, options.MaxFailuresPerAddress, now, ct));
        if (wait is not null)
        {
            await db.LoginFailures.Where(f => f.AttemptId == attempt).ExecuteDeleteAsync(ct);
        }

        return (attempt, wait);
    }

    /// <summary>The password was right: the attempt was no failure, and the user's count starts again.</summary>
    public Task SucceededAsync(Guid attempt, string username, CancellationToken ct) =>
        db.LoginFailures.Where(f => f.AttemptId == attempt || (f.Scope == LoginScopes.User && f.Key == username)).ExecuteDeleteAsync(ct);

    /// <summary>A server owner set a new password or removed the user: the lock on the name goes.</summary>
    public Task ForgetUserAsync(string username, CancellationToken ct) =>
        db.LoginFailures.Where(f => f.Scope == LoginScopes.User && f.Key == username).ExecuteDeleteAsync(ct);

    /// <summary>
    /// Null while this attempt is within <paramref name="max"/>; else how long until enough of the other failures
    /// have aged out of the window for one more attempt.
    /// </summary>
    private async Task<TimeSpan?> WaitAsync(string scope, string key, Guid attempt, DateTime since, int max, DateTime now, CancellationToken ct)
    {
        var failures = await db.LoginFailures.AsNoTracking()
            .Where(f => f.Scope == scope && f.Key == key && f.TimeFailed >= since)
            .OrderBy(f => f.TimeFailed).Select(f => new { f.AttemptId, f.TimeFailed }).ToListAsync(ct);
        if (failures.Count <= max)
        {
            return null;
        }

        var others = failures.Where(f => f.AttemptId != attempt).Select(f => f.TimeFailed).ToList();
        var freedAt = others[Math.Max(0, others.Count - max)] + options.Window;
        return freedAt > now ? freedAt - now : TimeSpan.Zero;
    }

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>The client's address; an IPv6 client by its /64 network, since one host commonly holds a whole /64.</summary>
    private static string AddressKey(IPAddress? client)
    {
        if (client is null)
        {
            return "unknown";
        }

        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }

        if (client.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return client.ToString();
        }

        var bytes = client.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
