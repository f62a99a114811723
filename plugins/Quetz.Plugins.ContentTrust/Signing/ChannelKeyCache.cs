using System.Collections.Concurrent;

namespace Quetz.Plugins.ContentTrust.Signing;

/// <summary>
/// Each channel's signing key (or that it has none) for a few seconds: the signer runs on every index build, on the
/// path between an upload and its visibility, and most channels have no key. Role uploads on this host drop the
/// channel's entry at once; other hosts see a change within <see cref="Lifetime"/>.
/// </summary>
internal sealed class ChannelKeyCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (ChannelKey? Key, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    public async Task<ChannelKey?> GetAsync(string channel, Func<CancellationToken, Task<ChannelKey?>> load, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(channel, out var entry) && entry.Until > now)
        {
            return entry.Key;
        }

        var key = await load(cancellationToken);
        _entries[channel] = (key, now + Lifetime);
        return key;
    }

    public void Invalidate(string channel) => _entries.TryRemove(channel, out _);
}
