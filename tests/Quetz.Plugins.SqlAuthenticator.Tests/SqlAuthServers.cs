using Microsoft.EntityFrameworkCore;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Plugins.SqlAuthenticator.Tests;

/// <summary>
/// A server loading the SQL authenticator from its build folder with the login limits of <see cref="Settings"/>;
/// it can read and write the plugin's <c>credentials</c> rows directly, as an operator with a database client would.
/// </summary>
public abstract class SqlAuthServer : QuetzServer
{
    protected abstract bool OnPostgres { get; }

    /// <summary>The plugin's settings, as TOML lines.</summary>
    protected abstract string Settings { get; }

    protected override string? PluginsToml => PluginTable("sql_authenticator", "Quetz.Plugins.SqlAuthenticator", Settings);

    protected override async Task<string> DatabaseUrlAsync() =>
        OnPostgres ? await PostgresCluster.Instance.CreateDatabaseAsync() : "sqlite:///./quetz.sqlite";

    public async Task<string?> StoredHashAsync(string username)
    {
        await using var db = OpenDatabase();
        var rows = await db.Database.SqlQuery<string>($"SELECT password_hash AS \"Value\" FROM credentials WHERE username = {username}").ToListAsync();
        return rows.SingleOrDefault();
    }

    public async Task InsertCredentialAsync(string username, string passwordHash)
    {
        await using var db = OpenDatabase();
        await db.Database.ExecuteSqlAsync($"INSERT INTO credentials (username, password_hash) VALUES ({username}, {passwordHash})");
    }
}

/// <summary>Three failures lock a user name; addresses are practically unlimited, so tests of one class do not lock each other out.</summary>
public abstract class UserLimitServer : SqlAuthServer
{
    /// <summary>The <c>[users]</c> entry that makes a SQL login a server maintainer at its first login.</summary>
    public const string Maintainer = "sql-maintainer";

    protected override string Settings => "max_failures_per_user = 3\nmax_failures_per_address = 1000";

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("users:maintainers:0", $"sql:{Maintainer}")];
}

public sealed class UserLimitServerOnSqlite : UserLimitServer
{
    protected override bool OnPostgres => false;
}

public sealed class UserLimitServerOnPostgres : UserLimitServer
{
    protected override bool OnPostgres => true;
}

/// <summary>A short window, so a lock is seen to end: two failures lock a user name for at most 15 seconds.</summary>
public abstract class ShortUserLockServer : SqlAuthServer
{
    protected override string Settings => "max_failures_per_user = 2\nmax_failures_per_address = 1000\nfailure_window_seconds = 15";
}

public sealed class ShortUserLockServerOnSqlite : ShortUserLockServer
{
    protected override bool OnPostgres => false;
}

public sealed class ShortUserLockServerOnPostgres : ShortUserLockServer
{
    protected override bool OnPostgres => true;
}

/// <summary>Three failures from one address lock it, whatever user names were tried, for at most 15 seconds.</summary>
public abstract class AddressLockServer : SqlAuthServer
{
    protected override string Settings => "max_failures_per_user = 1000\nmax_failures_per_address = 3\nfailure_window_seconds = 15";
}

public sealed class AddressLockServerOnSqlite : AddressLockServer
{
    protected override bool OnPostgres => false;
}

public sealed class AddressLockServerOnPostgres : AddressLockServer
{
    protected override bool OnPostgres => true;
}
