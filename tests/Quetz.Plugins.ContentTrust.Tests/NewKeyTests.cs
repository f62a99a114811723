using System.Net;
using Quetz.Host.Tests.Infrastructure;
using Quetz.Plugins.ContentTrust.Tests.Infrastructure;

namespace Quetz.Plugins.ContentTrust.Tests;

/// <summary>
/// <c>/api/content-trust/new-key</c> makes a key pair for a logged-in user only (quetz lets anyone), answers the
/// public key in libmamba's shape, and shows the private key once, only when asked.
/// </summary>
public abstract class NewKeyTests<TServer>(TServer server) : IClassFixture<TServer>
    where TServer : ContentTrustServer
{
    [Fact]
    public async Task Anonymous_callers_get_no_key()
    {
        using var anonymous = server.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/content-trust/new-key")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/content-trust/new-key?secret=true", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/content-trust/keys")).StatusCode);
    }

    [Fact]
    public async Task A_new_key_is_an_ed25519_public_key_and_its_secret_is_shown_only_when_asked_and_never_listed()
    {
        using var carol = await server.AsAsync("carol");
        var plain = await HttpAssert.StatusAsync(HttpStatusCode.OK, await carol.GetAsync("/api/content-trust/new-key"));
        Assert.Equal(["keytype", "scheme", "keyval"], HttpAssert.Keys(plain));
        Assert.Equal("ed25519", plain.GetProperty("keytype").GetString());
        Assert.Equal("ed25519", plain.GetProperty("scheme").GetString());
        Assert.Matches("^[0-9a-f]{64}$", plain.GetProperty("keyval").GetString());

        var withSecret = await HttpAssert.StatusAsync(HttpStatusCode.OK, await carol.PostAsync("/api/content-trust/new-key?secret=true", null));
        var secret = withSecret.GetProperty("secret").GetString()!;
        Assert.Matches("^[0-9a-f]{64}$", secret);
        Assert.Equal(withSecret.GetProperty("keyval").GetString(), TestKey.FromSeed(secret).PublicKey);
        var stored = await server.StoredPrivateKeyAsync(withSecret.GetProperty("keyval").GetString()!);
        Assert.NotNull(stored);
        Assert.DoesNotContain(secret, stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(Convert.FromHexString(secret)), stored, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await carol.GetAsync("/api/content-trust/new-key?secret=maybe")).StatusCode);

        var listing = await carol.GetAsync("/api/content-trust/keys");
        var text = await listing.Content.ReadAsStringAsync();
        var keys = await HttpAssert.StatusAsync(HttpStatusCode.OK, listing);
        Assert.Equal([plain.GetProperty("keyval").GetString(), withSecret.GetProperty("keyval").GetString()],
            keys.EnumerateArray().Select(k => k.GetProperty("keyval").GetString()));
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);

        using var dave = await server.AsAsync("dave");
        var daves = await HttpAssert.StatusAsync(HttpStatusCode.OK, await dave.GetAsync("/api/content-trust/keys"));
        Assert.Empty(daves.EnumerateArray());
    }
}

public sealed class NewKeyOnSqlite(ContentTrustOnSqliteServer server) : NewKeyTests<ContentTrustOnSqliteServer>(server);

public sealed class NewKeyOnPostgres(ContentTrustOnPostgresServer server) : NewKeyTests<ContentTrustOnPostgresServer>(server);
