using System.Net;
using System.Text.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Channels;

/// <summary>
/// GET /api/channels and /api/paginated/channels (contract §2.3, §5.2, §18 B5, B6): who sees which channels,
/// the <c>public</c> and <c>q</c> parameters, and paging. Each test filters with <c>q</c> on a token of its own.
/// </summary>
public abstract class ChannelVisibilityTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    /// <summary>alice creates a public and a private channel named after a fresh token; bob is a member of the private one.</summary>
    private async Task<(string Token, string Public, string Private)> SceneAsync()
    {
        using var alice = server.WithKey(server.AliceKey);
        var token = ChannelApi.NewName("t");
        var publicChannel = $"{token}-pub";
        var privateChannel = $"{token}-priv";
        await ChannelApi.CreateAsync(alice, publicChannel, isPrivate: false);
        await ChannelApi.CreateAsync(alice, privateChannel, isPrivate: true);
        await ChannelApi.AddMemberAsync(alice, privateChannel, "bob", "member");
        return (token, publicChannel, privateChannel);
    }

    private static async Task<string[]> ListAsync(HttpClient client, string query) =>
        ChannelApi.Names(await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync($"/api/channels?{query}"))).Order().ToArray();

    [Fact]
    public async Task Anonymous_callers_see_public_channels_only_whatever_public_says()
    {
        var (token, pub, _) = await SceneAsync();
        using var anonymous = server.Anonymous();

        Assert.Equal([pub], await ListAsync(anonymous, $"q={token}"));
        Assert.Equal([pub], await ListAsync(anonymous, $"q={token}&public=1"));
        Assert.Equal([pub], await ListAsync(anonymous, $"q={token}&public=0"));
    }

    [Fact]
    public async Task Members_see_public_channels_and_their_private_ones_or_only_theirs_with_public_0()
    {
        var (token, pub, priv) = await SceneAsync();
        using var bob = await server.AsAsync("bob");

        Assert.Equal([priv, pub], await ListAsync(bob, $"q={token}"));
        Assert.Equal([priv, pub], await ListAsync(bob, $"q={token}&public=1"));
        Assert.Equal([priv], await ListAsync(bob, $"q={token}&public=0"));
    }

    [Fact]
    public async Task Non_members_see_public_channels_only_and_nothing_with_public_0()
    {
        var (token, pub, _) = await SceneAsync();
        using var dave = await server.AsAsync("dave");

        Assert.Equal([pub], await ListAsync(dave, $"q={token}"));
        Assert.Empty(await ListAsync(dave, $"q={token}&public=0"));
    }

    [Fact]
    public async Task A_session_cookie_sees_what_the_user_sees()
    {
        var (token, pub, priv) = await SceneAsync();
        using var bob = await server.LoggedInAsync("bob");

        Assert.Equal([priv, pub], await ListAsync(bob, $"q={token}"));
    }

    [Fact]
    public async Task Server_owners_do_not_see_private_channels_they_are_not_members_of_but_may_read_them()
    {
        var (token, pub, priv) = await SceneAsync();
        using var alice = server.WithKey(server.AliceKey);
        await ChannelApi.AddMemberAsync(alice, priv, "bob", "owner");
        await HttpAssert.NullAsync(HttpStatusCode.OK, await alice.DeleteAsync($"/api/channels/{priv}/members?username=alice"));

        Assert.Equal([pub], await ListAsync(alice, $"q={token}"));
        Assert.Equal(priv, (await ChannelApi.GetAsync(alice, priv)).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("True", true)]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("False", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    [InlineData("f", false)]
    public async Task Public_takes_pydantic_booleans(string value, bool includesPublic)
    {
        var (token, pub, priv) = await SceneAsync();
        using var bob = await server.AsAsync("bob");

        Assert.Equal(includesPublic ? [priv, pub] : [priv], await ListAsync(bob, $"q={token}&public={value}"));
    }

    [Theory]
    [InlineData("/api/channels?public=maybe")]
    [InlineData("/api/paginated/channels?public=maybe")]
    public async Task Public_that_is_not_a_boolean_is_a_validation_error(string path)
    {
        using var anonymous = server.Anonymous();

        var error = (await HttpAssert.StatusAsync(HttpStatusCode.UnprocessableEntity, await anonymous.GetAsync(path))).GetProperty("detail")[0];

        Assert.Equal(["query", "public"], error.GetProperty("loc").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("valid boolean", error.GetProperty("msg").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Q_matches_a_substring_of_the_name_case_insensitively()
    {
        var (token, pub, priv) = await SceneAsync();
        using var bob = await server.AsAsync("bob");

        Assert.Equal([priv, pub], await ListAsync(bob, $"q={token.ToUpperInvariant()}"));
        Assert.Equal([priv], await ListAsync(bob, $"q={token[2..]}-PRI"));
        Assert.Empty(await ListAsync(bob, $"q={token}-none"));
    }

    [Fact]
    public async Task Listed_channels_carry_exactly_the_channel_extra_keys()
    {
        var (token, _, _) = await SceneAsync();
        using var anonymous = server.Anonymous();

        var channels = await HttpAssert.StatusAsync(HttpStatusCode.OK, await anonymous.GetAsync($"/api/channels?q={token}"));

        Assert.Equal(ChannelApi.ChannelExtraKeys, HttpAssert.Keys(Assert.Single(channels.EnumerateArray())));
    }

    [Fact]
    public async Task Paging_walks_every_visible_channel_once_and_ends_on_an_empty_page()
    {
        using var alice = server.WithKey(server.AliceKey);
        using var anonymous = server.Anonymous();
        var token = ChannelApi.NewName("p");
        var names = Enumerable.Range(0, 5).Select(i => $"{token}-{i}").ToArray();
        foreach (var name in names)
        {
            await ChannelApi.CreateAsync(alice, name, isPrivate: false);
        }

        await ChannelApi.CreateAsync(alice, $"{token}-hidden", isPrivate: true);

        var seen = new List<string>();
        for (var skip = 0; ; skip += 2)
        {
            var page = await HttpAssert.StatusAsync(HttpStatusCode.OK, await anonymous.GetAsync($"/api/paginated/channels?skip={skip}&limit=2&q={token}"));
            Assert.Equal(["pagination", "result"], HttpAssert.Keys(page));
            var pagination = page.GetProperty("pagination");
            Assert.Equal(["skip", "limit", "all_records_count"], HttpAssert.Keys(pagination));
            Assert.Equal(skip, pagination.GetProperty("skip").GetInt32());
            Assert.Equal(2, pagination.GetProperty("limit").GetInt32());
            Assert.Equal(5, pagination.GetProperty("all_records_count").GetInt32());
            var result = ChannelApi.Names(page.GetProperty("result"));
            if (result.Length == 0)
            {
                Assert.Equal(6, skip);
                break;
            }

            Assert.True(result.Length <= 2);
            seen.AddRange(result);
        }

        Assert.Equal(names, seen.Order());
    }

    [Fact]
    public async Task Paging_defaults_to_skip_0_and_limit_20_and_counts_what_the_caller_sees()
    {
        var (token, _, _) = await SceneAsync();
        using var anonymous = server.Anonymous();
        using var bob = await server.AsAsync("bob");

        var forAnonymous = await HttpAssert.StatusAsync(HttpStatusCode.OK, await anonymous.GetAsync($"/api/paginated/channels?q={token}"));
        var forBob = await HttpAssert.StatusAsync(HttpStatusCode.OK, await bob.GetAsync($"/api/paginated/channels?q={token}"));

        Assert.Equal(0, forAnonymous.GetProperty("pagination").GetProperty("skip").GetInt32());
        Assert.Equal(20, forAnonymous.GetProperty("pagination").GetProperty("limit").GetInt32());
        Assert.Equal(1, forAnonymous.GetProperty("pagination").GetProperty("all_records_count").GetInt32());
        Assert.Equal(2, forBob.GetProperty("pagination").GetProperty("all_records_count").GetInt32());
        Assert.Equal(2, forBob.GetProperty("result").GetArrayLength());
    }

    [Fact]
    public async Task A_negative_limit_pages_everything()
    {
        var (token, _, _) = await SceneAsync();
        using var bob = await server.AsAsync("bob");

        var page = await HttpAssert.StatusAsync(HttpStatusCode.OK, await bob.GetAsync($"/api/paginated/channels?q={token}&limit=-1"));

        Assert.Equal(2, page.GetProperty("result").GetArrayLength());
        Assert.Equal(2, page.GetProperty("pagination").GetProperty("all_records_count").GetInt32());
    }

    [Theory]
    [InlineData("skip=-1", "skip")]
    [InlineData("skip=x", "skip")]
    [InlineData("limit=many", "limit")]
    public async Task Bad_paging_parameters_are_validation_errors(string query, string field)
    {
        using var anonymous = server.Anonymous();

        var body = await HttpAssert.StatusAsync(HttpStatusCode.UnprocessableEntity, await anonymous.GetAsync($"/api/paginated/channels?{query}"));

        Assert.Equal(["query", field], body.GetProperty("detail")[0].GetProperty("loc").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Unknown_query_parameters_are_ignored()
    {
        var (token, pub, _) = await SceneAsync();
        using var anonymous = server.Anonymous();

        Assert.Equal([pub], await ListAsync(anonymous, $"q={token}&{Uri.EscapeDataString("{\"page\":1}")}"));
    }

    [Fact]
    public async Task The_dev_channels_are_listed_for_everyone()
    {
        using var anonymous = server.Anonymous();

        var body = await HttpAssert.StatusAsync(HttpStatusCode.OK, await anonymous.GetAsync("/api/channels?q=channel"));

        var channel0 = body.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "channel0");
        Assert.Equal(JsonValueKind.False, channel0.GetProperty("private").ValueKind);
        Assert.Equal(31, channel0.GetProperty("packages_count").GetInt32());
    }
}

public sealed class ChannelVisibilityOnSqlite(SqliteQuetzServer server) : ChannelVisibilityTests<SqliteQuetzServer>(server);

public sealed class ChannelVisibilityOnPostgres(PostgresQuetzServer server) : ChannelVisibilityTests<PostgresQuetzServer>(server);
