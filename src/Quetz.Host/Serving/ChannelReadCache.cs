using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Quetz.Host.Identity;

namespace Quetz.Host.Serving;

/// <summary>
/// Remembers for a few seconds that a credential may read a channel, so the hundreds of requests of a sharded solve
/// cost no database work each. Only grants are kept (a refusal is checked again every time), keyed by a hash of the
/// credential, never the credential itself. Any write request on this host empties it, so a revoked member or key
/// loses access at once here and within <see cref="Lifetime"/> on the other hosts.
/// </summary>
internal sealed class ChannelReadCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<(string Channel, string Credential), (ReadableChannel Channel, DateTimeOffset Expires)> _grants = new();

    /// <summary>Bumped by every <see cref="Clear"/>: a check that ran across one must not store what it found.</summary>
    private long _version;

    public async Task<ReadableChannel> GetAsync(HttpRequest request, string channel, Func<Task<ReadableChannel>> check)
    {
        var key = (channel.ToLowerInvariant(), Fingerprint(request));
        var now = time.GetUtcNow();
        if (_grants.TryGetValue(key, out var grant) && grant.Expires > now)
        {
            return grant.Channel;
        }

        var version = Interlocked.Read(ref _version);
        var readable = await check();
        if (_grants.Count >= MaxEntries)
        {
            Prune(now);
        }

        if (Interlocked.Read(ref _version) == version)
        {
            _grants[key] = (readable, now + Lifetime);
        }

        return readable;
    }

    public void Clear()
    {
        Interlocked.Increment(ref _version);
        _grants.Clear();
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, grant) in _grants)
        {
            if (grant.Expires <= now)
            {
                _grants.TryRemove(key, out _);
            }
        }

        if (_grants.Count >= MaxEntries)
        {
            _grants.Clear();
        }
    }

    private static string Fingerprint(HttpRequest request)
    {
        if (ApiKeyCredential.Find(request) is { } key)
        {
            return "k:" + ApiKeyProtector.LookupHash(key);
        }

        return request.Cookies.TryGetValue(SessionCookie.Name, out var session) && session is { Length: > 0 }
            ? "s:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(session)))
            : "";
    }
}

/// <summary>What serving needs of a channel the caller may read.</summary>
internal sealed record ReadableChannel(string Name, bool Private, int Ttl, bool Shards);

/// <summary>
/// Empties the <see cref="ChannelReadCache"/> around every request that may have changed who can read what: before its
/// response starts (so the client's next request is checked afresh) and once more when it ends, failed or not.
/// </summary>
internal sealed class ChannelReadCacheInvalidation(RequestDelegate next, ChannelReadCache cache)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        context.Response.OnStarting(() =>
        {
            cache.Clear();
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        finally
        {
            cache.Clear();
        }
    }
}
