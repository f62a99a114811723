using System.Net;
using System.Net.Http.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Channels;

/// <summary>
/// GET /api/channels/search/?q= (contract §2.3, §2.11): quetz's query language on channels — keywords, NOT,
/// <c>description:</c> and <c>private:</c> filters and their negation — with listing visibility, under both slash forms.
/// </summary>
public abstract class ChannelSearchTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    /// <summary>alice creates {token}-alpha and {token}-beta (public) and {token}-gamma (private, alice is its owner).</summary>
    private async Task<string> SceneAsync()
    {
        using var alice = server.WithKey(server.AliceKey);
        var token = ChannelApi.NewName("s");
        foreach (var (suffix, description, isPrivate) in new[]
        {
            ("alpha", "Tensor library", false),
            ("beta", "beta things", false),
            ("gamma", "Tensor private", true),
        })
        {
            await HttpAssert.NullAsync(HttpStatusCode.Created,
                await alice.PostAsJsonAsync("/api/channels", new { name = $"{token}-{suffix}", description, @private = isPrivate }));
        }

        return token;
    }

    private static async Task<string[]> SearchAsync(HttpClient client, string q, string path = "/api/channels/search/")
    {
        var body = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync($"{path}?q={Uri.EscapeDataString(q)}"));
        return ChannelApi.Names(body);
    }

    private static string[] Named(string token, params string[] suffixes) => suffixes.Select(s => $"{token}-{s}").ToArray();

    [Theory]
    [InlineData("/api/channels/search/")]
    [InlineData("/api/channels/search")]
    public async Task Both_slash_forms_search_and_order_by_name(string path)
    {
        var token = await SceneAsync();
        using var alice = server.WithKey(server.AliceKey);
        using var anonymous = server.Anonymous();

        Assert.Equal(Named(token, "alpha", "beta", "gamma"), await SearchAsync(alice, token, path));
        Assert.Equal(Named(token, "alpha", "beta"), await SearchAsync(anonymous, token, path));
    }

    [Fact]
    public async Task Results_are_exactly_name_description_and_private()
    {
        var token = await SceneAsync();
        using var anonymous = server.Anonymous();

        var body = await HttpAssert.StatusAsync(HttpStatusCode.OK, await anonymous.GetAsync($"/api/channels/search/?q={token}-alpha"));

        var found = Assert.Single(body.EnumerateArray());
        Assert.Equal(["name", "description", "private"], HttpAssert.Keys(found));
        Assert.Equal("Tensor library", found.GetProperty("description").GetString());
        Assert.False(found.GetProperty("private").GetBoolean());
    }

    [Fact]
    public async Task Private_channels_are_found_by_their_members_only()
    {
        var token = await SceneAsync();
        using var alice = server.WithKey(server.AliceKey);
        await ChannelApi.AddMemberAsync(alice, $"{token}-gamma", "bob", "member");
        using var bob = await server.AsAsync("bob");
        using var dave = await server.AsAsync("dave");

        Assert.Equal(Named(token, "gamma"), await SearchAsync(bob, $"{token} gamma"));
        Assert.Empty(await SearchAsync(dave, $"{token} gamma"));
    }

    [Fact]
    public async Task Every_keyword_must_occur_in_the_name_case_insensitively()
    {
        var token = await SceneAsync();
        using var alice = server.WithKey(server.AliceKey);

        Assert.Equal(Named(token, "alpha"), await SearchAsync(alice, $"{token} alp"));
        Assert.Equal(Named(token, "alpha"), await SearchAsync(alice, $"{token.ToUpperInvariant()} ALPHA"));
        Assert.Equal(Named(token, "beta"), await SearchAsync(alice, $"ta {token}"));
        Assert.Empty(await SearchAsync(alice, $"{token} alpha beta"));
    }

    [Fact]
    public async Task NOT_excludes_names_containing_the_next_keyword()
    {
        var token = await SceneAsync();
        using var alice = server.WithKey(server.AliceKey);

        Assert.Equal(Named(token, "alpha", "gamma"), await SearchAsync(alice, $"{token} NOT beta"));
        Assert.Equal(Named(token, "beta"), await SearchAsync(alice, $"NOT alpha {token} NOT gamma"));
    }

    [Fact]
    public async Task Description_filters_match_any_of_their_values_and_negate_with_a_dash()
    {
        var token = await SceneAsync();
        using var alice = server.WithKey(server.AliceKey);
        using var anonymous = server.Anonymous();

        Assert.Equal(Named(token, "alpha", "gamma"), await SearchAsync(alice, $"{token} description:Tensor"));
        Assert.Equal(Named(token, "alpha"), await SearchAsync(anonymous, $"{token} description:Tensor"));
        Assert.Equal(Named(token, "alpha", "beta"), await SearchAsync(alice, $"{token} description:library,things"));
        Assert.Equal(Named(token, "beta"), await SearchAsync(alice, $"{token} -description:Tensor"));
        Assert.Equal(Named(token, "alpha"), await SearchAsync(alice, $"{token} \"description:Tensor library\""));
    }

    [Theory]
    [InlineData("private:no", new[] { "alpha", "beta" })]
    [InlineData("private:false", new[] { "alpha", "beta" })]
    [InlineData("private:0", new[] { "alpha", "beta" })]
    [InlineData("private:y", new[] { "gamma" })]
    [InlineData("private:yes", new[] { "gamma" })]
    [InlineData("-private:false", new[] { "gamma" })]
    [InlineData("-private:yes", new[] { "alpha", "beta" })]
    [InlineData("private:yes,no", new[] { "alpha", "beta", "gamma" })]
    public async Task Private_filters_take_strtobool_values(string filter, string[] expected)
    {
        var token = await SceneAsync();
        using var alice = server.WithKey(server.AliceKey);

        Assert.Equal(Named(token, expected), await SearchAsync(alice, $"{token} {filter}"));
    }

    [Fact]
    public async Task Anonymous_callers_find_no_private_channel_even_when_asking_for_them()
    {
        var token = await SceneAsync();
        using var anonymous = server.Anonymous();

        Assert.Empty(await SearchAsync(anonymous, $"{token} -private:false"));
    }

    [Fact]
    public async Task Unknown_filters_are_dropped()
    {
        var token = await SceneAsync();
        using var alice = server.WithKey(server.AliceKey);

        Assert.Equal(Named(token, "alpha", "beta", "gamma"), await SearchAsync(alice, $"{token} color:red"));
    }

    [Fact]
    public async Task The_search_route_is_not_taken_for_a_channel_called_search()
    {
        using var alice = server.WithKey(server.AliceKey);

        await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync("/api/channels/search"));
        await HttpAssert.StringDetailAsync(HttpStatusCode.NotFound, "Channel search not found", await alice.GetAsync("/api/channels/search/members"));
    }
}

public sealed class ChannelSearchOnSqlite(SqliteQuetzServer server) : ChannelSearchTests<SqliteQuetzServer>(server);

public sealed class ChannelSearchOnPostgres(PostgresQuetzServer server) : ChannelSearchTests<PostgresQuetzServer>(server);
