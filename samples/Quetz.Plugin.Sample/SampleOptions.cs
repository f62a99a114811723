namespace Quetz.Plugin.Sample;

/// <summary>The plugin's settings, bound from <c>[plugins.&lt;name&gt;.settings]</c> in plugins.toml.</summary>
public sealed class SampleOptions
{
    /// <summary>The first word of the greeting.</summary>
    public string Greeting { get; set; } = "Hello";
}
