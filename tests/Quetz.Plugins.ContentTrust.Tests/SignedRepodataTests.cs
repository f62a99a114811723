using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quetz.Conda.Archives;
using Quetz.Host.Tests.Infrastructure;
using Quetz.Plugins.ContentTrust.Tests.Infrastructure;

namespace Quetz.Plugins.ContentTrust.Tests;

/// <summary>
/// A channel's owner sets up conda's trust chain (root → key_mgr → pkg_mgr, keys made in the test with BouncyCastle
/// and, for pkg_mgr, on the server); from then on every record of the channel's repodata carries a signature that
/// conda's own verification scheme, run in Python with OpenSSL's ed25519, accepts.
/// </summary>
public abstract class SignedRepodataTests<TServer>(TServer server) : IClassFixture<TServer>
    where TServer : ContentTrustServer
{
    [Fact]
    public async Task Every_record_is_signed_with_the_delegated_pkg_mgr_key_as_conda_verifies_it()
    {
        var channel = await server.CreateChannelAsync();
        await server.AddChannelMemberAsync(channel, "bob", "member");
        using var alice = server.WithKey(server.AliceKey);
        var before = await CondaPackages.BuildAsync("early", "1.0");
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await CondaPackages.UploadAsync(alice, channel, "early-1.0-0.tar.bz2", before));
        var unsigned = await Repodata.WaitForAsync(alice, channel, "linux-64", r => Repodata.Has(r, "packages", "early-1.0-0.tar.bz2"));
        Assert.False(unsigned.TryGetProperty("signatures", out _));

        var (pkgMgrKey, root, keyMgr, pkgMgr) = await DelegateServerKeyAsync(alice, channel);

        var later = await TrickyPackageAsync();
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await CondaPackages.UploadAsync(alice, channel, later.FileName, later.Content));
        await Repodata.WaitForAsync(alice, channel, "linux-64", r =>
            r.TryGetProperty("signatures", out var s) && s.TryGetProperty("early-1.0-0.tar.bz2", out _) && s.TryGetProperty(later.FileName, out _));

        var served = await alice.GetByteArrayAsync($"/get/{channel}/linux-64/repodata.json");
        Assert.Equal(["early-1.0-0.tar.bz2", later.FileName], (await PythonVerifier.VerifyAsync(served, pkgMgrKey.PublicKey)).Order(StringComparer.Ordinal));

        using var anonymous = server.Anonymous();
        Assert.Equal(root, await anonymous.GetByteArrayAsync($"/get/{channel}/root.json"));
        Assert.Equal(root, await anonymous.GetByteArrayAsync($"/get/{channel}/1.root.json"));
        Assert.Equal(keyMgr, await anonymous.GetByteArrayAsync($"/get/{channel}/key_mgr.json"));
        Assert.Equal(pkgMgr, await anonymous.GetByteArrayAsync($"/get/{channel}/pkg_mgr.json"));

        using var bob = await server.AsAsync("bob");
        var roles = await HttpAssert.StatusAsync(HttpStatusCode.OK, await bob.GetAsync($"/api/content-trust/{channel}/roles"));
        Assert.Equal(["key_mgr", "pkg_mgr", "root"], HttpAssert.Keys(roles));
        var onlyKeyMgr = await HttpAssert.StatusAsync(HttpStatusCode.OK, await bob.GetAsync($"/api/content-trust/{channel}/roles?type=key_mgr"));
        Assert.Equal(["key_mgr"], HttpAssert.Keys(onlyKeyMgr));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(keyMgr), JsonNode.Parse(onlyKeyMgr.GetProperty("key_mgr").GetRawText())));
    }

    [Fact]
    public async Task A_key_quetz_stored_in_plain_hex_still_signs_and_one_sealed_under_another_secret_does_not()
    {
        using var alice = server.WithKey(server.AliceKey);
        var plain = await server.CreateChannelAsync();
        var (plainKey, _, _, _) = await DelegateServerKeyAsync(alice, plain, async key =>
            await server.SetStoredPrivateKeyAsync(key.PublicKey, key.SeedHex));
        var foreign = await server.CreateChannelAsync();
        var (foreignKey, _, _, _) = await DelegateServerKeyAsync(alice, foreign, async key =>
            await server.SetStoredPrivateKeyAsync(key.PublicKey, Convert.ToBase64String(RandomNumberGenerator.GetBytes(12 + 16 + 64))));

        foreach (var channel in new[] { plain, foreign })
        {
            var package = await CondaPackages.BuildAsync("signed", "1.0");
            await HttpAssert.StatusAsync(HttpStatusCode.Created, await CondaPackages.UploadAsync(alice, channel, "signed-1.0-0.tar.bz2", package));
        }

        await Repodata.WaitForAsync(alice, plain, "linux-64", r => r.TryGetProperty("signatures", out var s) && s.TryGetProperty("signed-1.0-0.tar.bz2", out _));
        var served = await alice.GetByteArrayAsync($"/get/{plain}/linux-64/repodata.json");
        Assert.Equal(["signed-1.0-0.tar.bz2"], await PythonVerifier.VerifyAsync(served, plainKey.PublicKey));

        var unsigned = await Repodata.WaitForAsync(alice, foreign, "linux-64", r => Repodata.Has(r, "packages", "signed-1.0-0.tar.bz2"));
        Assert.False(unsigned.TryGetProperty("signatures", out _), $"{foreignKey.PublicKey} opened under this server's secret");
    }

    /// <summary>
    /// Sets up conda's trust chain in <paramref name="channel"/> with <c>pkg_mgr</c> delegated to a key generated on the
    /// server; <paramref name="beforeRoles"/> sees that key before the roles are uploaded.
    /// </summary>
    private static async Task<(TestKey PkgMgrKey, byte[] Root, byte[] KeyMgr, byte[] PkgMgr)> DelegateServerKeyAsync(HttpClient alice, string channel,
        Func<TestKey, Task>? beforeRoles = null)
    {
        var rootKey = TestKey.Generate();
        var keyMgrKey = TestKey.Generate();
        var generated = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.PostAsync("/api/content-trust/new-key?secret=true", null));
        var pkgMgrKey = TestKey.FromSeed(generated.GetProperty("secret").GetString()!);
        Assert.Equal(generated.GetProperty("keyval").GetString(), pkgMgrKey.PublicKey);
        if (beforeRoles is not null)
        {
            await beforeRoles(pkgMgrKey);
        }

        var root = RoleFiles.Sign(RoleFiles.Signed("root", 1, RoleFiles.InAYear, ("root", [rootKey], 1), ("key_mgr", [keyMgrKey], 1)), rootKey);
        var keyMgr = RoleFiles.Sign(RoleFiles.Signed("key_mgr", 1, RoleFiles.InAYear, ("pkg_mgr", [pkgMgrKey], 1)), keyMgrKey);
        var pkgMgr = RoleFiles.Sign(RoleFiles.Signed("pkg_mgr", 1, RoleFiles.InAYear), pkgMgrKey);
        await HttpAssert.NullAsync(HttpStatusCode.Created, await TrustApi.PostRoleAsync(alice, channel, "root", root));
        await HttpAssert.NullAsync(HttpStatusCode.Created, await TrustApi.PostRoleAsync(alice, channel, "key_mgr", keyMgr));
        await HttpAssert.NullAsync(HttpStatusCode.Created, await TrustApi.PostRoleAsync(alice, channel, "pkg_mgr", pkgMgr));
        return (pkgMgrKey, root, keyMgr, pkgMgr);
    }

    [Fact]
    public async Task A_channel_without_a_delegated_server_key_gets_no_signatures()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        var rootKey = TestKey.Generate();
        var offline = TestKey.Generate();
        await HttpAssert.NullAsync(HttpStatusCode.Created, await TrustApi.PostRoleAsync(alice, channel, "root",
            RoleFiles.Sign(RoleFiles.Signed("root", 1, RoleFiles.InAYear, ("root", [rootKey], 1), ("key_mgr", [offline], 1)), rootKey)));
        await HttpAssert.NullAsync(HttpStatusCode.Created, await TrustApi.PostRoleAsync(alice, channel, "key_mgr",
            RoleFiles.Sign(RoleFiles.Signed("key_mgr", 1, RoleFiles.InAYear, ("pkg_mgr", [offline], 1)), offline)));

        var package = await CondaPackages.BuildAsync("plain", "1.0");
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await CondaPackages.UploadAsync(alice, channel, "plain-1.0-0.tar.bz2", package));
        var repodata = await Repodata.WaitForAsync(alice, channel, "linux-64", r => Repodata.Has(r, "packages", "plain-1.0-0.tar.bz2"));
        Assert.False(repodata.TryGetProperty("signatures", out _), "pkg_mgr's key is offline: the server has no private key to sign with");
    }

    /// <summary>A package whose record needs every rule of the canonical form: non-ASCII text, a float, nesting, escapes.</summary>
    private static async Task<(string FileName, byte[] Content)> TrickyPackageAsync()
    {
        var index = new JsonObject
        {
            ["build"] = "0",
            ["build_number"] = 0,
            ["depends"] = new JsonArray("python >=3.9", "zlib"),
            ["license"] = "Naïve-Licence \"quoted\" \\ ✓ 𝄞",
            ["name"] = "tricky",
            ["platform"] = "linux",
            ["subdir"] = "linux-64",
            ["timestamp"] = 1700000000000,
            ["version"] = "1.0",
            ["x_ratio"] = 0.00001,
            ["x_big"] = 1e22,
            ["x_nested"] = new JsonObject { ["b"] = new JsonArray(), ["a"] = new JsonObject(), ["Z"] = true },
        };
        ArchiveEntry[] entries =
        [
            new("info/index.json", Encoding.UTF8.GetBytes(index.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))),
            ArchiveEntry.Text("info/about.json", """{"summary": "tricky"}"""),
            ArchiveEntry.Text("info/files", "share/tricky.txt\n"),
            ArchiveEntry.Text("share/tricky.txt", "tricky\n"),
        ];
        using var output = new MemoryStream();
        await PackageWriter.WriteCondaAsync(output, "tricky-1.0-0", entries, CancellationToken.None);
        return ("tricky-1.0-0.conda", output.ToArray());
    }
}

public sealed class SignedRepodataOnSqlite(ContentTrustOnSqliteServer server) : SignedRepodataTests<ContentTrustOnSqliteServer>(server);

public sealed class SignedRepodataOnPostgres(ContentTrustOnPostgresServer server) : SignedRepodataTests<ContentTrustOnPostgresServer>(server);
