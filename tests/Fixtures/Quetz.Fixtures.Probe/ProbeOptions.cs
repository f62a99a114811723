using Microsoft.Extensions.Configuration;

namespace Quetz.Fixtures.Probe;

/// <summary>Settings from plugins.toml, whose keys are snake_case as quetz's are.</summary>
public sealed class ProbeOptions
{
    public string Greeting { get; set; } = "";

    public string Color { get; set; } = "";

    /// <summary>New packages whose name starts with this are refused (none when empty).</summary>
    [ConfigurationKeyName("refused_prefix")]
    public string RefusedPrefix { get; set; } = "";

    /// <summary>This user's server role grants nothing (none when empty).</summary>
    [ConfigurationKeyName("denied_user")]
    public string DeniedUser { get; set; } = "";
}
