using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Channels;

/// <summary>
/// POST /api/channels (contract §2.3, §5.2, §18 B1–B4, B9, G6): who may create which kind of channel, name rules,
/// defaults, size limits and body validation. carol is made a server member here; bob keeps no server role.
/// </summary>
public abstract class ChannelCreationTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    private const string OwnerOrMaintainerRequired = "this operation requires owner or maintainer roles";
    private const string SizeLimitRequiresElevated = "only server maintainer or owner can set channel size limit";

    private async Task<HttpClient> ServerMemberAsync()
    {
        await ChannelApi.SetServerRoleAsync(server, "carol", "member");
        return await server.AsAsync("carol");
    }

    [Fact]
    public async Task A_server_member_creates_a_channel_and_becomes_its_owner()
    {
        using var carol = await ServerMemberAsync();
        var name = ChannelApi.NewName();

        await ChannelApi.CreateAsync(carol, name, isPrivate: false);

        Assert.Equal(new Dictionary<string, string> { ["carol"] = "owner" }, await ChannelApi.MembersAsync(carol, name));
    }

    [Fact]
    public async Task A_user_without_server_role_may_not_create_a_channel()
    {
        using var bob = await server.AsAsync("bob");
        var name = ChannelApi.NewName();

        var response = await bob.PostAsJsonAsync("/api/channels", new { name, @private = false });

        await HttpAssert.DetailListAsync(HttpStatusCode.Forbidden, "this operation requires owner or maintainer or member roles", response);
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StringDetailAsync(HttpStatusCode.NotFound, $"Channel {name} not found", await alice.GetAsync($"/api/channels/{name}"));
    }

    [Fact]
    public async Task Anonymous_callers_may_not_create_a_channel()
    {
        using var anonymous = server.Anonymous();

        var response = await anonymous.PostAsJsonAsync("/api/channels", new { name = ChannelApi.NewName(), @private = false });

        await HttpAssert.StringDetailAsync(HttpStatusCode.Unauthorized, "Not logged in", response);
    }

    [Fact]
    public async Task A_channel_name_is_taken_whatever_its_case()
    {
        using var carol = await ServerMemberAsync();
        var name = "My" + ChannelApi.NewName();
        await ChannelApi.CreateAsync(carol, name, isPrivate: false);

        foreach (var again in new[] { name, name.ToLowerInvariant(), name.ToUpperInvariant() })
        {
            var response = await carol.PostAsJsonAsync("/api/channels", new { name = again, @private = false });
            await HttpAssert.StringDetailAsync(HttpStatusCode.Conflict, $"Channel {again} exists", response);
        }
    }

    [Theory]
    [InlineData("a_b", "_ should not be used in channel name")]
    [InlineData("검은맘바", "only ASCII characters should be used in channel name")]
    [InlineData("żmija", "only ASCII characters should be used in channel name")]
    public async Task Names_with_underscores_or_non_ASCII_characters_are_refused(string name, string detail)
    {
        using var carol = await ServerMemberAsync();

        var response = await carol.PostAsJsonAsync("/api/channels", new { name, @private = false });

        await HttpAssert.StringDetailAsync(HttpStatusCode.UnprocessableEntity, detail, response);
        await HttpAssert.StatusAsync(HttpStatusCode.NotFound, await carol.GetAsync($"/api/channels/{Uri.EscapeDataString(name)}"));
    }

    [Fact]
    public async Task Dots_dashes_and_ASCII_look_alikes_are_valid_names()
    {
        using var carol = await ServerMemberAsync();
        var zmija = "zmija" + ChannelApi.NewName("-");
        var dotted = ChannelApi.NewName("my.channel-");

        await ChannelApi.CreateAsync(carol, zmija, isPrivate: false);
        await ChannelApi.CreateAsync(carol, dotted, isPrivate: false);

        Assert.Equal(zmija, (await ChannelApi.GetAsync(carol, zmija)).GetProperty("name").GetString());
        Assert.Equal(dotted, (await ChannelApi.GetAsync(carol, dotted)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Names_are_at_most_50_characters()
    {
        using var carol = await ServerMemberAsync();
        var fifty = ChannelApi.NewName().PadRight(50, 'x');

        var response = await carol.PostAsJsonAsync("/api/channels", new { name = fifty + "x", @private = false });

        var error = (await HttpAssert.StatusAsync(HttpStatusCode.UnprocessableEntity, response)).GetProperty("detail")[0];
        Assert.Contains("at most 50 characters", error.GetProperty("msg").GetString(), StringComparison.Ordinal);
        Assert.Equal(["body", "name"], error.GetProperty("loc").EnumerateArray().Select(e => e.GetString()));
        await ChannelApi.CreateAsync(carol, fifty, isPrivate: false);
    }

    [Fact]
    public async Task A_channel_is_private_unless_the_body_says_otherwise()
    {
        using var carol = await ServerMemberAsync();
        using var anonymous = server.Anonymous();
        var name = ChannelApi.NewName();

        await HttpAssert.NullAsync(HttpStatusCode.Created, await carol.PostAsJsonAsync("/api/channels", new { name }));

        await HttpAssert.StringDetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await anonymous.GetAsync($"/api/channels/{name}"));
        var channel = await ChannelApi.GetAsync(carol, name);
        Assert.True(channel.GetProperty("private").GetBoolean());
    }

    [Fact]
    public async Task A_new_channel_has_quetz_defaults_and_no_size_limit_without_quota_config()
    {
        using var carol = await ServerMemberAsync();
        using var anonymous = server.Anonymous();
        var name = ChannelApi.NewName();
        await ChannelApi.CreateAsync(carol, name, isPrivate: false);

        var channel = await ChannelApi.GetAsync(anonymous, name);

        Assert.False(channel.GetProperty("private").GetBoolean());
        Assert.Equal(36000, channel.GetProperty("ttl").GetInt32());
        Assert.Equal(JsonValueKind.Null, channel.GetProperty("size_limit").ValueKind);
        Assert.Equal(JsonValueKind.Null, channel.GetProperty("description").ValueKind);
        Assert.Equal(JsonValueKind.Null, channel.GetProperty("mirror_channel_url").ValueKind);
        Assert.Equal(JsonValueKind.Null, channel.GetProperty("mirror_mode").ValueKind);
    }

    [Fact]
    public async Task Description_and_ttl_are_stored_as_given()
    {
        using var carol = await ServerMemberAsync();
        var name = ChannelApi.NewName();

        await HttpAssert.NullAsync(HttpStatusCode.Created,
            await carol.PostAsJsonAsync("/api/channels", new { name, @private = false, description = "Grün & blau", ttl = 1200 }));

        var channel = await ChannelApi.GetAsync(carol, name);
        Assert.Equal("Grün & blau", channel.GetProperty("description").GetString());
        Assert.Equal(1200, channel.GetProperty("ttl").GetInt32());
    }

    [Fact]
    public async Task Only_server_owners_and_maintainers_may_set_a_size_limit()
    {
        using var carol = await ServerMemberAsync();
        using var alice = server.WithKey(server.AliceKey);
        var refused = ChannelApi.NewName();
        var limited = ChannelApi.NewName();

        await HttpAssert.DetailListAsync(HttpStatusCode.Forbidden, SizeLimitRequiresElevated,
            await carol.PostAsJsonAsync("/api/channels", new { name = refused, @private = false, size_limit = 101 }));
        await HttpAssert.StatusAsync(HttpStatusCode.NotFound, await alice.GetAsync($"/api/channels/{refused}"));

        await HttpAssert.NullAsync(HttpStatusCode.Created,
            await alice.PostAsJsonAsync("/api/channels", new { name = limited, @private = false, size_limit = 101 }));
        Assert.Equal(101, (await ChannelApi.GetAsync(alice, limited)).GetProperty("size_limit").GetInt64());
    }

    [Fact]
    public async Task Even_a_null_size_limit_needs_a_server_owner_or_maintainer()
    {
        using var carol = await ServerMemberAsync();

        var response = await carol.PostAsync("/api/channels", ChannelApi.Json($$"""{"name": "{{ChannelApi.NewName()}}", "size_limit": null}"""));

        await HttpAssert.DetailListAsync(HttpStatusCode.Forbidden, SizeLimitRequiresElevated, response);
    }

    [Theory]
    [InlineData("proxy")]
    [InlineData("mirror")]
    public async Task Only_server_owners_and_maintainers_may_create_mirror_and_proxy_channels(string mode)
    {
        using var carol = await ServerMemberAsync();
        using var bob = await server.AsAsync("bob");
        using var alice = server.WithKey(server.AliceKey);
        var name = ChannelApi.NewName();
        var body = new { name, @private = false, mirror_channel_url = "http://upstream.invalid/get/conda-forge", mirror_mode = mode, actions = Array.Empty<string>() };

        await HttpAssert.DetailListAsync(HttpStatusCode.Forbidden, OwnerOrMaintainerRequired, await carol.PostAsJsonAsync("/api/channels", body));
        await HttpAssert.DetailListAsync(HttpStatusCode.Forbidden, OwnerOrMaintainerRequired, await bob.PostAsJsonAsync("/api/channels", body));
        await HttpAssert.NullAsync(HttpStatusCode.Created, await alice.PostAsJsonAsync("/api/channels", body));

        var channel = await ChannelApi.GetAsync(alice, name);
        Assert.Equal(mode, channel.GetProperty("mirror_mode").GetString());
        Assert.Equal("http://upstream.invalid/get/conda-forge", channel.GetProperty("mirror_channel_url").GetString());
    }

    [Theory]
    [InlineData("proxy", null, "'mirror_channel_url' is undefined")]
    [InlineData(null, "http://my-host", "'mirror_mode' is undefined")]
    [InlineData("undefined", "http://my-host", "Input should be 'proxy' or 'mirror'")]
    [InlineData("proxy", "my-host", "String should match pattern")]
    [InlineData("proxy", "http://", "String should match pattern")]
    [InlineData("proxy", "http:my-host", "String should match pattern")]
    [InlineData("proxy", "hosthttp://my-host", "String should match pattern")]
    [InlineData("proxy", "ftp://my-host", "String should match pattern")]
    public async Task Mirror_parameters_are_validated(string? mode, string? url, string message)
    {
        using var alice = server.WithKey(server.AliceKey);
        var name = ChannelApi.NewName();

        var response = await alice.PostAsJsonAsync("/api/channels", new { name, @private = false, mirror_channel_url = url, mirror_mode = mode });

        await HttpAssert.ValidationAsync(message, response);
        await HttpAssert.StatusAsync(HttpStatusCode.NotFound, await alice.GetAsync($"/api/channels/{name}"));
    }

    [Fact]
    public async Task Includelist_and_excludelist_cannot_be_combined()
    {
        using var alice = server.WithKey(server.AliceKey);
        var name = ChannelApi.NewName();

        var response = await alice.PostAsJsonAsync("/api/channels", new
        {
            name,
            @private = false,
            mirror_channel_url = "http://upstream.invalid/get/conda-forge",
            mirror_mode = "mirror",
            actions = Array.Empty<string>(),
            metadata = new { includelist = new[] { "a" }, excludelist = new[] { "b" } },
        });

        await HttpAssert.StringDetailAsync(HttpStatusCode.UnprocessableEntity, "Cannot use both `includelist` and `excludelist` together.", response);
        await HttpAssert.StatusAsync(HttpStatusCode.NotFound, await alice.GetAsync($"/api/channels/{name}"));
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("not json")]
    public async Task A_body_that_is_not_JSON_is_a_validation_error(string body)
    {
        using var alice = server.WithKey(server.AliceKey);

        var error = (await HttpAssert.StatusAsync(HttpStatusCode.UnprocessableEntity, await alice.PostAsync("/api/channels", ChannelApi.Json(body))))
            .GetProperty("detail")[0];

        Assert.Equal("json_invalid", error.GetProperty("type").GetString());
        Assert.Equal("body", error.GetProperty("loc")[0].GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/json; charset=utf-8")]
    public async Task A_JSON_body_is_read_whatever_the_content_type_header_says(string? contentType)
    {
        using var alice = server.WithKey(server.AliceKey);
        var name = ChannelApi.NewName();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes($$"""{"name": "{{name}}", "private": false}"""));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        await HttpAssert.NullAsync(HttpStatusCode.Created, await alice.PostAsync("/api/channels", content));

        Assert.Equal(name, (await ChannelApi.GetAsync(alice, name)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_channel_body_stays_documented_as_JSON()
    {
        using var anonymous = server.Anonymous();

        var document = await HttpAssert.StatusAsync(HttpStatusCode.OK, await anonymous.GetAsync("/openapi.json"));

        var content = document.GetProperty("paths").GetProperty("/api/channels").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.True(content.TryGetProperty("application/json", out _));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"my-channel\"")]
    [InlineData("42")]
    [InlineData("null")]
    public async Task A_body_that_is_not_an_object_is_a_validation_error(string body)
    {
        using var alice = server.WithKey(server.AliceKey);

        var response = await alice.PostAsync("/api/channels", ChannelApi.Json(body));

        await HttpAssert.ValidationAsync("Input should be a valid dictionary", response);
    }

    [Theory]
    [InlineData("{\"private\": false}", "Field required")]
    [InlineData("{\"name\": 5}", "Input should be a valid string")]
    [InlineData("{\"name\": \"NAME\", \"private\": \"maybe\"}", "Input should be a valid boolean")]
    [InlineData("{\"name\": \"NAME\", \"private\": null}", "Input should be a valid boolean")]
    [InlineData("{\"name\": \"NAME\", \"ttl\": \"soon\"}", "Input should be a valid integer")]
    [InlineData("{\"name\": \"NAME\", \"ttl\": null}", "Input should be a valid integer")]
    [InlineData("{\"name\": \"NAME\", \"actions\": [\"explode\"]}", "Input should be 'synchronize'")]
    [InlineData("{\"name\": \"NAME\", \"metadata\": []}", "Input should be a valid dictionary")]
    public async Task Wrongly_typed_fields_are_validation_errors(string template, string message)
    {
        using var alice = server.WithKey(server.AliceKey);
        var name = ChannelApi.NewName();

        var response = await alice.PostAsync("/api/channels", ChannelApi.Json(template.Replace("NAME", name, StringComparison.Ordinal)));

        await HttpAssert.ValidationAsync(message, response);
        await HttpAssert.StatusAsync(HttpStatusCode.NotFound, await alice.GetAsync($"/api/channels/{name}"));
    }
}

public sealed class ChannelCreationOnSqlite(SqliteQuetzServer server) : ChannelCreationTests<SqliteQuetzServer>(server);

public sealed class ChannelCreationOnPostgres(PostgresQuetzServer server) : ChannelCreationTests<PostgresQuetzServer>(server);
