using System.Reflection;
using Microsoft.Extensions.Configuration;
using Quetz.Abstractions.Plugins;

namespace Quetz.Host.Plugins;

/// <summary>A plugin the host loaded, with what it contributes.</summary>
internal sealed class LoadedPlugin(string name, string origin, string directory, Assembly assembly, IQuetzPlugin instance, IConfiguration settings)
{
    public string Name { get; } = name;

    /// <summary>Where it came from, for operators: <c>bundled</c>, <c>path /x/y</c> or <c>nuget Id 1.2.3</c>.</summary>
    public string Origin { get; } = origin;

    public string Directory { get; } = directory;

    public Assembly Assembly { get; } = assembly;

    public IQuetzPlugin Instance { get; } = instance;

    public IConfiguration Settings { get; } = settings;

    /// <summary>The main assembly's informational version without build metadata, else its assembly version.</summary>
    public string Version { get; } =
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? assembly.GetName().Version?.ToString() ?? "0.0.0";

    /// <summary>The extension points it registered, in the names of <see cref="ExtensionPoints"/>.</summary>
    public List<string> ExtensionPoints { get; } = [];
}
