using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Quetz.Plugins.RepodataPatching;

/// <summary>
/// Parsed instructions by channel, subdir and the patches file's SHA-256, so an index build of a large subdir does not
/// read and parse the patches package again; a new patches file has a new hash. Bounded by the size of the JSON the
/// entries came from (<see cref="RepodataPatchingOptions.CacheBytes"/>), least recently used first out.
/// </summary>
internal sealed class PatchInstructionsCache(IOptions<RepodataPatchingOptions> options) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.CacheBytes) });

    public async Task<LoadedInstructions> GetOrLoadAsync(string channel, string subdir, string sha256, Func<Task<LoadedInstructions>> load)
    {
        var key = (channel, subdir, sha256);
        if (_cache.TryGetValue(key, out LoadedInstructions? cached) && cached is not null)
        {
            return cached;
        }

        var loaded = await load();
        _cache.Set(key, loaded, new MemoryCacheEntryOptions { Size = Math.Max(1, loaded.SourceBytes) });
        return loaded;
    }

    public void Dispose() => _cache.Dispose();
}

/// <summary>What reading one patches file gave for one subdir: instructions, or why there are none.</summary>
/// <param name="Instructions">The instructions, or null when the file's are unusable.</param>
/// <param name="Error">Why they are unusable, or null.</param>
/// <param name="SourceBytes">The size of the JSON they were parsed from.</param>
internal sealed record LoadedInstructions(PatchInstructions? Instructions, string? Error, long SourceBytes);
