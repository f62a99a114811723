using System.Net;
using System.Net.Http.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Packages;

public abstract class PackageCreationTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    public static TheoryData<string> ValidNames => new() { "valid.package.name", "valid_package_name", "valid-name-1.0", new string('a', 800) };

    [Theory]
    [MemberData(nameof(ValidNames))]
    public async Task A_channel_owner_creates_packages_with_conda_names(string name)
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await alice.PostAsJsonAsync($"/api/channels/{channel}/packages", new { name }));

        var package = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/channels/{channel}/packages/{name}"));
        Assert.Equal(["name", "summary", "description", "url", "platforms", "current_version", "latest_change"], HttpAssert.Keys(package));
        Assert.Equal(name, package.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("InvalidPackage")]
    [InlineData("invalid package")]
    [InlineData("**invalid**")]
    [InlineData("błędnypakiet")]
    public async Task Names_outside_the_conda_alphabet_are_refused(string name)
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.ValidationAsync("String should match pattern", await alice.PostAsJsonAsync($"/api/channels/{channel}/packages", new { name }));

        await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/channels/{channel}/packages"));
        Assert.Empty(await alice.GetFromJsonAsync<object[]>($"/api/channels/{channel}/packages") ?? []);
    }

    [Fact]
    public async Task The_creator_owns_the_new_package_and_a_second_creation_conflicts()
    {
        var channel = await server.CreateChannelAsync();
        await server.AddChannelMemberAsync(channel, "bob", "maintainer");
        using var bob = await server.AsAsync("bob");
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await bob.PostAsJsonAsync($"/api/channels/{channel}/packages", new { name = "tool" }));

        var members = await HttpAssert.StatusAsync(HttpStatusCode.OK, await bob.GetAsync($"/api/channels/{channel}/packages/tool/members"));
        Assert.Equal("bob", members[0].GetProperty("user").GetProperty("username").GetString());
        Assert.Equal("owner", members[0].GetProperty("role").GetString());

        await HttpAssert.DetailAsync(HttpStatusCode.Conflict, $"Package {channel}/tool exists",
            await bob.PostAsJsonAsync($"/api/channels/{channel}/packages", new { name = "tool" }));
    }

    [Fact]
    public async Task Channel_members_may_not_create_packages_and_anonymous_callers_must_log_in()
    {
        var channel = await server.CreateChannelAsync();
        await server.AddChannelMemberAsync(channel, "carol", "member");
        using var carol = await server.AsAsync("carol");
        await HttpAssert.DetailAsync(HttpStatusCode.Forbidden, "No permission",
            await carol.PostAsJsonAsync($"/api/channels/{channel}/packages", new { name = "p" }));

        using var anonymous = server.Anonymous();
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in",
            await anonymous.PostAsJsonAsync($"/api/channels/{channel}/packages", new { name = "p" }));
    }

    [Theory]
    [InlineData("proxy")]
    [InlineData("mirror")]
    public async Task Packages_cannot_be_created_in_proxy_or_mirror_channels(string mode)
    {
        var channel = ChannelSetup.NewName();
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await alice.PostAsJsonAsync("/api/channels",
            new { name = channel, @private = false, mirror_channel_url = "http://127.0.0.1:9/get/upstream", mirror_mode = mode, actions = Array.Empty<string>() }));

        await HttpAssert.DetailAsync(HttpStatusCode.MethodNotAllowed, $"This method is not implemented for {mode} channels",
            await alice.PostAsJsonAsync($"/api/channels/{channel}/packages", new { name = "p" }));
    }

    [Fact]
    public async Task Unknown_channels_and_packages_are_404_with_quetz_messages()
    {
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, "Channel nosuchchannel not found",
            await alice.PostAsJsonAsync("/api/channels/nosuchchannel/packages", new { name = "p" }));
        var channel = await server.CreateChannelAsync();
        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, $"Package {channel}/nosuchpackage not found",
            await alice.GetAsync($"/api/channels/{channel}/packages/nosuchpackage"));
    }

    [Fact]
    public async Task A_body_without_a_name_or_with_bad_json_is_a_validation_error()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.ValidationAsync("Field required", await alice.PostAsJsonAsync($"/api/channels/{channel}/packages", new { summary = "x" }));
        await HttpAssert.ValidationAsync("JSON decode error",
            await alice.PostAsync($"/api/channels/{channel}/packages", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")));
        await HttpAssert.ValidationAsync("Input should be a valid string", await alice.PostAsJsonAsync($"/api/channels/{channel}/packages", new { name = 5 }));
    }
}

public sealed class PackageCreationOnSqlite(SqliteQuetzServer server) : PackageCreationTests<SqliteQuetzServer>(server);

public sealed class PackageCreationOnPostgres(PostgresQuetzServer server) : PackageCreationTests<PostgresQuetzServer>(server);
