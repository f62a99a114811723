using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Channels;

/// <summary>
/// <c>[quotas] channel_quota</c> (contract §5.2, §18 B10): the default size limit of new channels, which an
/// explicit <c>size_limit</c> from a server owner or maintainer overrides. Runs on servers configured with a quota.
/// </summary>
public abstract class ChannelQuotaTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuotaQuetzServer
{
    [Fact]
    public async Task A_new_channel_gets_the_configured_quota_whoever_creates_it()
    {
        await ChannelApi.SetServerRoleAsync(server, "carol", "member");
        using var carol = await server.AsAsync("carol");
        using var alice = server.WithKey(server.AliceKey);
        var byMember = ChannelApi.NewName();
        var byOwner = ChannelApi.NewName();

        await ChannelApi.CreateAsync(carol, byMember, isPrivate: false);
        await ChannelApi.CreateAsync(alice, byOwner, isPrivate: false);

        Assert.Equal(QuotaQuetzServer.ChannelQuota, (await ChannelApi.GetAsync(carol, byMember)).GetProperty("size_limit").GetInt64());
        Assert.Equal(QuotaQuetzServer.ChannelQuota, (await ChannelApi.GetAsync(alice, byOwner)).GetProperty("size_limit").GetInt64());
    }

    [Fact]
    public async Task An_explicit_size_limit_overrides_the_quota_even_when_null()
    {
        using var alice = server.WithKey(server.AliceKey);
        var larger = ChannelApi.NewName();
        var unlimited = ChannelApi.NewName();

        await HttpAssert.NullAsync(HttpStatusCode.Created, await alice.PostAsJsonAsync("/api/channels", new { name = larger, size_limit = 5000 }));
        await HttpAssert.NullAsync(HttpStatusCode.Created,
            await alice.PostAsync("/api/channels", ChannelApi.Json($$"""{"name": "{{unlimited}}", "size_limit": null}""")));

        Assert.Equal(5000, (await ChannelApi.GetAsync(alice, larger)).GetProperty("size_limit").GetInt64());
        Assert.Equal(JsonValueKind.Null, (await ChannelApi.GetAsync(alice, unlimited)).GetProperty("size_limit").ValueKind);
    }

    [Fact]
    public async Task The_quota_does_not_touch_existing_channels()
    {
        using var anonymous = server.Anonymous();

        var channel0 = await ChannelApi.GetAsync(anonymous, "channel0");

        Assert.Equal(JsonValueKind.Null, channel0.GetProperty("size_limit").ValueKind);
    }
}

/// <summary>A server whose config sets <c>[quotas] channel_quota</c>.</summary>
public abstract class QuotaQuetzServer : QuetzServer
{
    public const long ChannelQuota = 1000;

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [new("quotas:channel_quota", ChannelQuota.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}

public sealed class QuotaSqliteQuetzServer : QuotaQuetzServer
{
    protected override Task<string> DatabaseUrlAsync() => Task.FromResult("sqlite:///./quetz.sqlite");
}

public sealed class QuotaPostgresQuetzServer : QuotaQuetzServer
{
    protected override Task<string> DatabaseUrlAsync() => PostgresCluster.Instance.CreateDatabaseAsync();
}

public sealed class ChannelQuotaOnSqlite(QuotaSqliteQuetzServer server) : ChannelQuotaTests<QuotaSqliteQuetzServer>(server);

public sealed class ChannelQuotaOnPostgres(QuotaPostgresQuetzServer server) : ChannelQuotaTests<QuotaPostgresQuetzServer>(server);
