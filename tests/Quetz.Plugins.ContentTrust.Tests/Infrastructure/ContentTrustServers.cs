using Microsoft.EntityFrameworkCore;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Plugins.ContentTrust.Tests.Infrastructure;

/// <summary>A server loading the content trust plugin from its build folder; its key table is open to the tests, as to an operator with a database client.</summary>
public abstract class ContentTrustServer(bool postgres) : QuetzServer
{
    protected override string? PluginsToml => PluginTable("content_trust", "Quetz.Plugins.ContentTrust");

    protected override Task<string> DatabaseUrlAsync() =>
        postgres ? PostgresCluster.Instance.CreateDatabaseAsync() : Task.FromResult("sqlite:///./quetz.sqlite");

    /// <summary>What <c>signing_keys.private_key</c> holds for <paramref name="publicKey"/>.</summary>
    public async Task<string?> StoredPrivateKeyAsync(string publicKey)
    {
        await using var db = OpenDatabase();
        return (await db.Database.SqlQuery<string?>($"SELECT private_key AS \"Value\" FROM signing_keys WHERE public_key = {publicKey}").ToListAsync())
            .Single();
    }

    public async Task SetStoredPrivateKeyAsync(string publicKey, string stored)
    {
        await using var db = OpenDatabase();
        Assert.Equal(1, await db.Database.ExecuteSqlAsync($"UPDATE signing_keys SET private_key = {stored} WHERE public_key = {publicKey}"));
    }
}

public sealed class ContentTrustOnSqliteServer() : ContentTrustServer(postgres: false);

public sealed class ContentTrustOnPostgresServer() : ContentTrustServer(postgres: true);
