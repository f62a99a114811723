using Microsoft.Extensions.Configuration;

namespace Quetz.Plugins.Transmutation;

/// <summary>The plugin's settings from <c>[plugins.transmutation.settings]</c>.</summary>
public sealed class TransmutationOptions
{
    /// <summary>Converts every uploaded <c>.tar.bz2</c> right after it is committed, not only when a job asks.</summary>
    [ConfigurationKeyName("convert_on_upload")]
    public bool ConvertOnUpload { get; set; }
}
