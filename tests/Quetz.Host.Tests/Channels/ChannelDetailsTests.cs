using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Channels;

/// <summary>
/// GET /api/channels/{channel} (contract §1 channel-name case, §3 ChannelExtra, §18 B7): the exact shape, the
/// member and package counts, case-insensitive lookup, and 404s.
/// </summary>
public abstract class ChannelDetailsTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    [Fact]
    public async Task A_channel_is_exactly_the_nine_channel_extra_keys_in_order()
    {
        using var alice = server.WithKey(server.AliceKey);
        var name = ChannelApi.NewName();
        await HttpAssert.NullAsync(HttpStatusCode.Created,
            await alice.PostAsJsonAsync("/api/channels", new { name, description = "a test channel", @private = false, size_limit = 5000, ttl = 60 }));

        using var anonymous = server.Anonymous();
        var channel = await ChannelApi.GetAsync(anonymous, name);

        Assert.Equal(ChannelApi.ChannelExtraKeys, HttpAssert.Keys(channel));
        Assert.Equal(name, channel.GetProperty("name").GetString());
        Assert.Equal("a test channel", channel.GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.False, channel.GetProperty("private").ValueKind);
        Assert.Equal(5000, channel.GetProperty("size_limit").GetInt64());
        Assert.Equal(60, channel.GetProperty("ttl").GetInt32());
        Assert.Equal(JsonValueKind.Null, channel.GetProperty("mirror_channel_url").ValueKind);
        Assert.Equal(JsonValueKind.Null, channel.GetProperty("mirror_mode").ValueKind);
        Assert.Equal(1, channel.GetProperty("members_count").GetInt32());
        Assert.Equal(0, channel.GetProperty("packages_count").GetInt32());
    }

    [Fact]
    public async Task Counts_follow_packages_and_members_of_this_channel_only()
    {
        using var alice = server.WithKey(server.AliceKey);
        var name = ChannelApi.NewName();
        var other = ChannelApi.NewName();
        await ChannelApi.CreateAsync(alice, name, isPrivate: false);
        await ChannelApi.CreateAsync(alice, other, isPrivate: false);

        await ChannelApi.AddPackageAsync(alice, name, "test-package");
        await ChannelApi.AddPackageAsync(alice, other, "test-package-different-channel");
        await ChannelApi.AddMemberAsync(alice, other, "carol", "member");
        var afterPackage = await ChannelApi.GetAsync(alice, name);
        await ChannelApi.AddMemberAsync(alice, name, "bob", "member");
        var afterMember = await ChannelApi.GetAsync(alice, name);
        var listed = (await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/channels?q={name}"))).EnumerateArray().Single();

        Assert.Equal((1, 1), (afterPackage.GetProperty("packages_count").GetInt32(), afterPackage.GetProperty("members_count").GetInt32()));
        Assert.Equal((1, 2), (afterMember.GetProperty("packages_count").GetInt32(), afterMember.GetProperty("members_count").GetInt32()));
        Assert.Equal((1, 2), (listed.GetProperty("packages_count").GetInt32(), listed.GetProperty("members_count").GetInt32()));
    }

    [Fact]
    public async Task Channel_names_are_case_insensitive_and_keep_their_stored_case()
    {
        using var alice = server.WithKey(server.AliceKey);
        var name = "My" + ChannelApi.NewName("Channel");
        await ChannelApi.CreateAsync(alice, name, isPrivate: false);

        await ChannelApi.AddPackageAsync(alice, name.ToLowerInvariant(), "test-package");

        foreach (var asked in new[] { name, name.ToLowerInvariant(), name.ToUpperInvariant() })
        {
            Assert.Equal(name, (await ChannelApi.GetAsync(alice, asked)).GetProperty("name").GetString());
            var package = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/channels/{asked}/packages/test-package"));
            Assert.Equal("test-package", package.GetProperty("name").GetString());
        }

        Assert.Equal(name, (await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/channels?q={name.ToUpperInvariant()}")))[0]
            .GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("/api/channels/{0}")]
    [InlineData("/api/channels/{0}/members")]
    [InlineData("/api/channels/{0}/packages")]
    public async Task An_unknown_channel_is_404_with_the_name_as_asked(string template)
    {
        using var alice = server.WithKey(server.AliceKey);
        var name = "No" + ChannelApi.NewName("Such");

        var response = await alice.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, name));

        await HttpAssert.StringDetailAsync(HttpStatusCode.NotFound, $"Channel {name} not found", response);
    }

    [Theory]
    [InlineData("proxy")]
    [InlineData("mirror")]
    public async Task Mirror_and_proxy_channels_are_read_like_any_other(string mode)
    {
        using var alice = server.WithKey(server.AliceKey);
        var name = ChannelApi.NewName();
        await HttpAssert.NullAsync(HttpStatusCode.Created, await alice.PostAsJsonAsync("/api/channels",
            new { name, @private = false, mirror_channel_url = "https://upstream.invalid/get/x", mirror_mode = mode, actions = Array.Empty<string>() }));

        using var anonymous = server.Anonymous();
        var channel = await ChannelApi.GetAsync(anonymous, name);

        Assert.Equal(ChannelApi.ChannelExtraKeys, HttpAssert.Keys(channel));
        Assert.Equal(mode, channel.GetProperty("mirror_mode").GetString());
        Assert.Equal("https://upstream.invalid/get/x", channel.GetProperty("mirror_channel_url").GetString());
    }
}

public sealed class ChannelDetailsOnSqlite(SqliteQuetzServer server) : ChannelDetailsTests<SqliteQuetzServer>(server);

public sealed class ChannelDetailsOnPostgres(PostgresQuetzServer server) : ChannelDetailsTests<PostgresQuetzServer>(server);
