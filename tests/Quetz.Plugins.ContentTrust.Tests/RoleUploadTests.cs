using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Quetz.Host.Tests.Infrastructure;
using Quetz.Plugins.ContentTrust.Tests.Infrastructure;

namespace Quetz.Plugins.ContentTrust.Tests;

/// <summary>
/// <c>POST /api/content-trust/{channel}/roles</c> takes only a role file its delegator's keys signed, that has not
/// expired, from the channel's owner; anything else is refused with quetz's status and leaves no row and no file.
/// </summary>
public abstract class RoleUploadTests<TServer>(TServer server) : IClassFixture<TServer>
    where TServer : ContentTrustServer
{
    private readonly TestKey _rootKey = TestKey.Generate();
    private readonly TestKey _keyMgrKey = TestKey.Generate();

    [Fact]
    public async Task An_unknown_or_missing_role_type_is_refused_and_nothing_is_stored()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StringDetailAsync(HttpStatusCode.BadRequest, "'bogus' keys not yet delegated",
            await TrustApi.PostRoleAsync(alice, channel, "bogus", Root(1, RoleFiles.InAYear, _rootKey)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await TrustApi.PostRoleAsync(alice, channel, null, Root(1, RoleFiles.InAYear, _rootKey))).StatusCode);
        await AssertNothingStoredAsync(channel, "bogus.json", "root.json", "1.root.json");
    }

    [Fact]
    public async Task A_forged_tampered_expired_underSigned_or_malformed_root_is_an_invalid_role_definition_and_nothing_is_stored()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        var stranger = TestKey.Generate();
        var second = TestKey.Generate();
        var tampered = JsonNode.Parse(Root(1, RoleFiles.InAYear, _rootKey))!;
        tampered["signed"]!["expiration"] = "2099-01-01T00:00:00Z";
        byte[][] bad =
        [
            Root(1, RoleFiles.InAYear, stranger),
            Encoding.UTF8.GetBytes(tampered.ToJsonString()),
            Root(1, DateTimeOffset.UtcNow.AddDays(-1), _rootKey),
            RoleFiles.Sign(RoleFiles.Signed("root", 1, RoleFiles.InAYear, ("root", [_rootKey, second], 2), ("key_mgr", [_keyMgrKey], 1)), _rootKey),
            RoleFiles.Sign(RoleFiles.Signed("key_mgr", 1, RoleFiles.InAYear, ("root", [_rootKey], 1)), _rootKey),
            "{\"signed\": "u8.ToArray(),
            [.. "[]"u8],
        ];
        foreach (var file in bad)
        {
            await HttpAssert.StringDetailAsync(HttpStatusCode.BadRequest, "Invalid role definition", await TrustApi.PostRoleAsync(alice, channel, "root", file));
        }

        await AssertNothingStoredAsync(channel, "root.json", "1.root.json");
    }

    [Fact]
    public async Task A_key_mgr_needs_root_first_and_the_signature_of_roots_key_mgr_keys()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        var pkgMgr = TestKey.Generate();
        var keyMgr = RoleFiles.Sign(RoleFiles.Signed("key_mgr", 1, RoleFiles.InAYear, ("pkg_mgr", [pkgMgr], 1)), _keyMgrKey);
        await HttpAssert.StringDetailAsync(HttpStatusCode.BadRequest, "'key_mgr' keys not yet delegated", await TrustApi.PostRoleAsync(alice, channel, "key_mgr", keyMgr));
        await HttpAssert.StringDetailAsync(HttpStatusCode.BadRequest, "'pkg_mgr' keys not yet delegated",
            await TrustApi.PostRoleAsync(alice, channel, "pkg_mgr", RoleFiles.Sign(RoleFiles.Signed("pkg_mgr", 1, RoleFiles.InAYear), pkgMgr)));

        await HttpAssert.NullAsync(HttpStatusCode.Created, await TrustApi.PostRoleAsync(alice, channel, "root", Root(1, RoleFiles.InAYear, _rootKey)));
        var signedByRoot = RoleFiles.Sign(RoleFiles.Signed("key_mgr", 1, RoleFiles.InAYear, ("pkg_mgr", [pkgMgr], 1)), _rootKey);
        await HttpAssert.StringDetailAsync(HttpStatusCode.BadRequest, "Invalid role definition", await TrustApi.PostRoleAsync(alice, channel, "key_mgr", signedByRoot));
        await HttpAssert.StringDetailAsync(HttpStatusCode.BadRequest, "Invalid role definition", await TrustApi.PostRoleAsync(alice, channel, "key_mgr", Root(1, RoleFiles.InAYear, _keyMgrKey)));
        var roles = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/content-trust/{channel}/roles"));
        Assert.Equal(["root"], HttpAssert.Keys(roles));
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"/get/{channel}/key_mgr.json")).StatusCode);

        await HttpAssert.NullAsync(HttpStatusCode.Created, await TrustApi.PostRoleAsync(alice, channel, "key_mgr", keyMgr));
        Assert.Equal(keyMgr, await alice.GetByteArrayAsync($"/get/{channel}/key_mgr.json"));
    }

    [Fact]
    public async Task Only_the_channel_owner_uploads_and_members_read()
    {
        var channel = await server.CreateChannelAsync();
        await server.AddChannelMemberAsync(channel, "bob", "member");
        await server.AddChannelMemberAsync(channel, "dave", "maintainer");
        var root = Root(1, RoleFiles.InAYear, _rootKey);
        using var anonymous = server.Anonymous();
        using var bob = await server.AsAsync("bob");
        using var carol = await server.AsAsync("carol");
        using var dave = await server.AsAsync("dave");
        Assert.Equal(HttpStatusCode.Unauthorized, (await TrustApi.PostRoleAsync(anonymous, channel, "root", root)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await TrustApi.PostRoleAsync(carol, channel, "root", root)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await TrustApi.PostRoleAsync(bob, channel, "root", root)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await TrustApi.PostRoleAsync(dave, channel, "root", root)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TrustApi.PostRoleAsync(bob, "no-such-channel", "root", root)).StatusCode);
        await AssertNothingStoredAsync(channel, "root.json", "1.root.json");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/content-trust/{channel}/roles")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await carol.GetAsync($"/api/content-trust/{channel}/roles")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync($"/api/content-trust/{channel}/roles")).StatusCode);
    }

    [Fact]
    public async Task An_existing_role_is_replaced_only_with_force_and_a_new_root_only_by_the_next_version_both_roots_signed()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        var first = Root(1, RoleFiles.InAYear, _rootKey);
        await HttpAssert.NullAsync(HttpStatusCode.Created, await TrustApi.PostRoleAsync(alice, channel, "root", first));
        await HttpAssert.StringDetailAsync(HttpStatusCode.Conflict, $"Content trust role 'root' already exists for channel '{channel}'",
            await TrustApi.PostRoleAsync(alice, channel, "root", first));

        var newRootKey = TestKey.Generate();
        var secondSigned = RoleFiles.Signed("root", 2, RoleFiles.InAYear, ("root", [newRootKey], 1), ("key_mgr", [_keyMgrKey], 1));
        await HttpAssert.StringDetailAsync(HttpStatusCode.BadRequest, "Invalid role definition",
            await TrustApi.PostRoleAsync(alice, channel, "root", RoleFiles.Sign(secondSigned, newRootKey), force: true));
        await HttpAssert.StringDetailAsync(HttpStatusCode.BadRequest, "Invalid role definition",
            await TrustApi.PostRoleAsync(alice, channel, "root", Root(1, RoleFiles.InAYear, _rootKey), force: true));
        Assert.Equal(first, await alice.GetByteArrayAsync($"/get/{channel}/root.json"));
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"/get/{channel}/2.root.json")).StatusCode);

        var second = RoleFiles.Sign(secondSigned, newRootKey, _rootKey);
        await HttpAssert.NullAsync(HttpStatusCode.Created, await TrustApi.PostRoleAsync(alice, channel, "root", second, force: true));
        Assert.Equal(second, await alice.GetByteArrayAsync($"/get/{channel}/root.json"));
        Assert.Equal(second, await alice.GetByteArrayAsync($"/get/{channel}/2.root.json"));
        Assert.Equal(first, await alice.GetByteArrayAsync($"/get/{channel}/1.root.json"));
        var roles = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/content-trust/{channel}/roles?type=root"));
        Assert.Equal(2, roles.GetProperty("root").GetProperty("signed").GetProperty("version").GetInt32());
    }

    private byte[] Root(int version, DateTimeOffset expiration, TestKey signer) =>
        RoleFiles.Sign(RoleFiles.Signed("root", version, expiration, ("root", [_rootKey], 1), ("key_mgr", [_keyMgrKey], 1)), signer);

    /// <summary>No role row (the roles API lists none) and none of <paramref name="files"/> in the channel.</summary>
    private async Task AssertNothingStoredAsync(string channel, params string[] files)
    {
        using var alice = server.WithKey(server.AliceKey);
        var roles = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/content-trust/{channel}/roles"));
        Assert.Empty(HttpAssert.Keys(roles));
        foreach (var file in files)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"/get/{channel}/{file}")).StatusCode);
        }
    }
}

public sealed class RoleUploadOnSqlite(ContentTrustOnSqliteServer server) : RoleUploadTests<ContentTrustOnSqliteServer>(server);

public sealed class RoleUploadOnPostgres(ContentTrustOnPostgresServer server) : RoleUploadTests<ContentTrustOnPostgresServer>(server);
