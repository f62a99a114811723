using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Plugins;

/// <summary>Where the fixture plugins under tests/Fixtures and the sample under samples/ were built, and plugins.toml tables for them.</summary>
public static class PluginFixtures
{
    /// <summary>The repository's root (where Quetz.sln is).</summary>
    public static string Root { get; } = Path.GetFullPath(Path.Combine(QuetzServer.PluginPath("x"), "..", "..", "..", "..", ".."));

    /// <summary>The configuration the tests were built in, which the fixtures were built in too.</summary>
    public static string Configuration { get; } = Path.GetFileName(Path.GetDirectoryName(QuetzServer.PluginPath("x"))!);

    /// <summary>The contract version this host provides, as the loader names it (major.minor.patch).</summary>
    public static string HostContract { get; } = typeof(Quetz.Abstractions.Plugins.IQuetzPlugin).Assembly.GetName().Version!.ToString(3);

    /// <summary>The build output of a fixture project, relative to tests/Fixtures.</summary>
    public static string OutputOf(string project) =>
        Path.Combine(Root, "tests", "Fixtures", project, "bin", Configuration, "net10.0");

    /// <summary>A plugins.toml table loading a fixture.</summary>
    public static string Table(string name, string project, string settings = "", bool enabled = true) =>
        $"[plugins.{name}]\nenabled = {(enabled ? "true" : "false")}\npath = \"{OutputOf(project)}\"\n"
        + (settings.Length > 0 ? $"[plugins.{name}.settings]\n{settings}\n" : "");
}
