using System.Globalization;
using System.Net;

namespace Quetz.Plugins.SqlAuthenticator.Tests;

/// <summary>Locks end when the failures age out of the window (15 seconds on these servers: long enough for slow PBKDF2 attempts on a loaded machine to fall within it); Retry-After says when.</summary>
public abstract class UserLockExpiryTests<TServer>(TServer server) : IClassFixture<TServer>
    where TServer : SqlAuthServer
{
    [Fact]
    public async Task A_locked_user_name_opens_again_after_retry_after()
    {
        var name = SqlLogin.NewUsername();
        await server.CreateCredentialAsync(name, "right");
        await server.IsRefusedAsync(HttpStatusCode.Unauthorized, name, "wrong");
        await server.IsRefusedAsync(HttpStatusCode.Unauthorized, name, "wrong");

        var locked = await server.IsRefusedAsync(HttpStatusCode.TooManyRequests, name, "right");
        await LockExpiry.WaitOutAsync(locked);
        await server.LogsInAsync(name, "right");
    }
}

public abstract class AddressLockTests<TServer>(TServer server) : IClassFixture<TServer>
    where TServer : SqlAuthServer
{
    [Fact]
    public async Task Failures_across_user_names_lock_the_address_until_they_age_out()
    {
        var victim = SqlLogin.NewUsername();
        await server.CreateCredentialAsync(victim, "right");
        for (var i = 0; i < 3; i++)
        {
            await server.IsRefusedAsync(HttpStatusCode.Unauthorized, SqlLogin.NewUsername(), "guess");
        }

        var locked = await server.IsRefusedAsync(HttpStatusCode.TooManyRequests, victim, "right");
        await LockExpiry.WaitOutAsync(locked);
        await server.LogsInAsync(victim, "right");
    }
}

internal static class LockExpiry
{
    /// <summary>Checks Retry-After lies within the 15-second window and waits it out.</summary>
    public static async Task WaitOutAsync(HttpResponseMessage locked)
    {
        var seconds = int.Parse(Assert.Single(locked.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1, 15);
        await Task.Delay(TimeSpan.FromSeconds(seconds));
    }
}

public sealed class UserLockExpiryOnSqlite(ShortUserLockServerOnSqlite server) : UserLockExpiryTests<ShortUserLockServerOnSqlite>(server);

public sealed class UserLockExpiryOnPostgres(ShortUserLockServerOnPostgres server) : UserLockExpiryTests<ShortUserLockServerOnPostgres>(server);

public sealed class AddressLockOnSqlite(AddressLockServerOnSqlite server) : AddressLockTests<AddressLockServerOnSqlite>(server);

public sealed class AddressLockOnPostgres(AddressLockServerOnPostgres server) : AddressLockTests<AddressLockServerOnPostgres>(server);
