using Microsoft.Extensions.Configuration;

namespace Quetz.Plugins.RepodataPatching;

/// <summary>The plugin's settings, from <c>[plugins.repodata_patching.settings]</c>.</summary>
internal sealed class RepodataPatchingOptions
{
    /// <summary>
    /// The largest <c>patch_instructions.json</c> read from a patches package (conda-forge's largest subdir needs
    /// tens of MiB); a larger one is refused like a malformed one. Default 256 MiB.
    /// </summary>
    [ConfigurationKeyName("max_instructions_bytes")]
    public long MaxInstructionsBytes { get; set; } = 256L << 20;

    /// <summary>
    /// How many bytes of parsed instructions stay cached across index builds, counted as the size of the JSON they
    /// came from. Default 512 MiB.
    /// </summary>
    [ConfigurationKeyName("cache_bytes")]
    public long CacheBytes { get; set; } = 512L << 20;
}
