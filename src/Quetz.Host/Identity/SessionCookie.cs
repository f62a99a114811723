using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Quetz.Host.Config;

namespace Quetz.Host.Identity;

/// <summary>
/// The <c>session</c> cookie: a small JSON payload signed with HMAC-SHA256 under <c>[session] secret</c>.
/// Stateless, so any host sharing the secret accepts it.
/// </summary>
internal sealed class SessionCookie(IOptions<QuetzSessionOptions> options, TimeProvider time)
{
    public const string Name = "session";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);
    private readonly byte[] _signingKey = HKDF.DeriveKey(HashAlgorithmName.SHA256,
        Encoding.UTF8.GetBytes(options.Value.Secret), 32, info: Encoding.UTF8.GetBytes("quetz session v1"));

    public void SignIn(HttpResponse response, Guid userId, string provider)
    {
        var payload = new SessionPayload(userId, provider, time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds());
        var body = JsonSerializer.SerializeToUtf8Bytes(payload);
        var value = WebEncoders.Base64UrlEncode(body) + "." + WebEncoders.Base64UrlEncode(Sign(body));
        response.Cookies.Append(Name, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = options.Value.HttpsOnly,
            SameSite = SameSiteMode.Lax,
            MaxAge = Lifetime,
            Path = "/",
        });
    }

    public static void SignOut(HttpResponse response) => response.Cookies.Delete(Name, new CookieOptions { Path = "/" });

    public SessionPayload? Read(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(Name, out var value) || value.Split('.') is not [var bodyText, var signatureText])
        {
            return null;
        }

        try
        {
            var body = WebEncoders.Base64UrlDecode(bodyText);
            if (!CryptographicOperations.FixedTimeEquals(Sign(body), WebEncoders.Base64UrlDecode(signatureText)))
            {
                return null;
            }

            var payload = JsonSerializer.Deserialize<SessionPayload>(body);
            return payload is not null && payload.Expires > time.GetUtcNow().ToUnixTimeSeconds() ? payload : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private byte[] Sign(byte[] body) => HMACSHA256.HashData(_signingKey, body);
}

internal sealed record SessionPayload(Guid UserId, string Provider, long Expires);
