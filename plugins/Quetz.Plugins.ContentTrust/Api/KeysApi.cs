using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Quetz.Abstractions.Data;
using Quetz.Abstractions.Identity;
using Quetz.Plugins.ContentTrust.Data;
using Quetz.Plugins.ContentTrust.Signing;

namespace Quetz.Plugins.ContentTrust.Api;

/// <summary>
/// <c>/api/content-trust/new-key</c> (GET as in quetz, and POST) makes an ed25519 key pair for the logged-in caller
/// and keeps it, so a channel can delegate <c>pkg_mgr</c> to it and the server sign with it. Unlike quetz it needs a
/// login: anyone could otherwise fill the table. The private key is stored encrypted (unlike quetz) and is in the
/// answer only with <c>?secret=true</c>;
/// <c>/api/content-trust/keys</c> lists the caller's public keys.
/// </summary>
internal static class KeysApi
{
    public static void MapKeysApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/content-trust/new-key", NewKeyAsync).WithTags("content-trust");
        routes.MapPost("/api/content-trust/new-key", NewKeyAsync).WithTags("content-trust").DisableAntiforgery();
        routes.MapGet("/api/content-trust/keys", ListAsync).WithTags("content-trust");
    }

    private static async Task<IResult> NewKeyAsync(HttpRequest request, IQuetzAuthorization auth, ContentTrustDbContext db, TimeProvider time,
        ISecretProtector secrets, CancellationToken ct)
    {
        var secret = Query.Bool(request, "secret") ?? false;
        var user = await auth.RequireUserAsync(ct);
        var (publicKey, privateKey) = Ed25519.Generate();
        db.SigningKeys.Add(new SigningKey { PublicKey = publicKey, PrivateKey = StoredPrivateKeys.Seal(secrets, privateKey), UserId = user.Id, TimeCreated = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        var body = Describe(publicKey);
        if (secret)
        {
            body["secret"] = privateKey;
        }

        return Results.Json(body);
    }

    private static async Task<IResult> ListAsync(IQuetzAuthorization auth, ContentTrustDbContext db, CancellationToken ct)
    {
        var user = await auth.RequireUserAsync(ct);
        var keys = await db.SigningKeys.AsNoTracking().Where(k => k.UserId == user.Id).OrderBy(k => k.TimeCreated)
            .Select(k => new { k.PublicKey, k.TimeCreated }).ToListAsync(ct);
        return Results.Json(new JsonArray([.. keys.Select(k =>
        {
            var key = Describe(k.PublicKey);
            key["time_created"] = DateTime.SpecifyKind(k.TimeCreated, DateTimeKind.Utc).ToString("O");
            return key;
        })]));
    }

    /// <summary>A public key as libmamba describes one.</summary>
    private static JsonObject Describe(string publicKey) => new() { ["keytype"] = "ed25519", ["scheme"] = "ed25519", ["keyval"] = publicKey };
}
