using System.Net;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Packages;

/// <summary>Who may delete a package or one of its versions (quetz's test_main_packages matrix).</summary>
public abstract class PackageDeletionPermissionTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    /// <summary>(channel role of bob, package role of bob, private channel, expected status)</summary>
    public static TheoryData<string?, string?, bool, HttpStatusCode> Matrix => new()
    {
        { "owner", null, false, HttpStatusCode.OK },
        { "maintainer", null, false, HttpStatusCode.OK },
        { "member", null, false, HttpStatusCode.Forbidden },
        { null, "owner", false, HttpStatusCode.OK },
        { null, "maintainer", false, HttpStatusCode.OK },
        { null, "member", false, HttpStatusCode.Forbidden },
        { null, null, false, HttpStatusCode.Forbidden },
        { "member", null, true, HttpStatusCode.Forbidden },
        { null, "owner", true, HttpStatusCode.OK },
        { null, null, true, HttpStatusCode.Forbidden },
    };

    private async Task<(string Channel, HttpClient Bob)> ArrangeAsync(string? channelRole, string? packageRole, bool isPrivate)
    {
        var channel = await server.CreateChannelAsync(isPrivate);
        await server.CreatePackageAsync(channel, "pkg");
        await server.AddVersionAsync(channel, "pkg", "0.1");
        await server.AddVersionAsync(channel, "pkg", "0.2");
        if (channelRole is not null)
        {
            await server.AddChannelMemberAsync(channel, "bob", channelRole);
        }

        if (packageRole is not null)
        {
            await server.AddPackageMemberAsync(channel, "pkg", "bob", packageRole);
        }

        return (channel, await server.AsAsync("bob"));
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Deleting_a_version(string? channelRole, string? packageRole, bool isPrivate, HttpStatusCode expected)
    {
        var (channel, bob) = await ArrangeAsync(channelRole, packageRole, isPrivate);
        using (bob)
        {
            await HttpAssert.StatusAsync(expected, await bob.DeleteAsync($"/api/channels/{channel}/packages/pkg/versions/linux-64/pkg-0.2-0.tar.bz2"));
        }

        using var alice = server.WithKey(server.AliceKey);
        var versions = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/channels/{channel}/packages/pkg/versions"));
        Assert.Equal(expected == HttpStatusCode.OK ? 1 : 2, versions.GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Deleting_a_package(string? channelRole, string? packageRole, bool isPrivate, HttpStatusCode expected)
    {
        var (channel, bob) = await ArrangeAsync(channelRole, packageRole, isPrivate);
        using (bob)
        {
            await HttpAssert.StatusAsync(expected, await bob.DeleteAsync($"/api/channels/{channel}/packages/pkg"));
        }

        using var alice = server.WithKey(server.AliceKey);
        var after = await alice.GetAsync($"/api/channels/{channel}/packages/pkg");
        Assert.Equal(expected == HttpStatusCode.OK ? HttpStatusCode.NotFound : HttpStatusCode.OK, after.StatusCode);
        var channelInfo = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/channels/{channel}"));
        Assert.Equal(expected == HttpStatusCode.OK ? 0 : 1, channelInfo.GetProperty("packages_count").GetInt32());
    }

    [Fact]
    public async Task Anonymous_callers_must_log_in_and_server_owners_may_always_delete()
    {
        var channel = await server.CreateChannelAsync();
        await server.CreatePackageAsync(channel, "pkg");
        await server.AddVersionAsync(channel, "pkg", "0.1");
        using var anonymous = server.Anonymous();
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in",
            await anonymous.DeleteAsync($"/api/channels/{channel}/packages/pkg/versions/linux-64/pkg-0.1-0.tar.bz2"));
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await anonymous.DeleteAsync($"/api/channels/{channel}/packages/pkg"));

        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.DeleteAsync($"/api/channels/{channel}/packages/pkg"));
    }

    [Fact]
    public async Task Private_packages_are_hidden_from_anonymous_callers_and_strangers()
    {
        var channel = await server.CreateChannelAsync(isPrivate: true);
        await server.CreatePackageAsync(channel, "pkg");
        await server.AddVersionAsync(channel, "pkg", "0.1");
        await server.AddPackageMemberAsync(channel, "pkg", "carol", "member");
        using var anonymous = server.Anonymous();
        using var dave = await server.AsAsync("dave");
        using var carol = await server.AsAsync("carol");

        foreach (var path in new[] { $"/api/channels/{channel}/packages/pkg", $"/api/channels/{channel}/packages/pkg/versions",
                     $"/api/channels/{channel}/packages/pkg/members" })
        {
            await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await anonymous.GetAsync(path));
            await HttpAssert.DetailAsync(HttpStatusCode.Forbidden, "No permission", await dave.GetAsync(path));
            await HttpAssert.StatusAsync(HttpStatusCode.OK, await carol.GetAsync(path));
        }

        // A package member reads the package but not the channel's package list.
        await HttpAssert.DetailAsync(HttpStatusCode.Forbidden, "No permission", await carol.GetAsync($"/api/channels/{channel}/packages"));
    }
}

public sealed class PackageDeletionPermissionOnSqlite(SqliteQuetzServer server) : PackageDeletionPermissionTests<SqliteQuetzServer>(server);

public sealed class PackageDeletionPermissionOnPostgres(PostgresQuetzServer server) : PackageDeletionPermissionTests<PostgresQuetzServer>(server);
