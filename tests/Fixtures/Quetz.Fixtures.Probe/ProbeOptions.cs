namespace Quetz.Fixtures.Probe;

/// <summary>Settings from plugins.toml.</summary>
public sealed class ProbeOptions
{
    public string Greeting { get; set; } = "";

    public string Color { get; set; } = "";

    /// <summary>New packages whose name starts with this are refused (none when empty).</summary>
    public string RefusedPrefix { get; set; } = "";

    /// <summary>This user's server role grants nothing (none when empty).</summary>
    public string DeniedUser { get; set; } = "";
}
