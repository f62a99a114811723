namespace Quetz.Host.Plugins;

/// <summary>
/// What the host gives every plugin, so a plugin package must not bring its own copy: the assemblies the loader
/// shares (the contract, EF Core with the host's providers, <c>Microsoft.Extensions.*</c> and ASP.NET Core, as far
/// as this host has them) and the .NET and ASP.NET Core shared frameworks. A plugin's copy would be ignored at best
/// and clash at worst. Anything else, even under a shared prefix, is the plugin's to bring.
/// </summary>
internal static class HostProvided
{
    /// <summary>Package families whose ids name no assembly (bundles of the native SQLite the host already loads).</summary>
    private static readonly string[] PackageFamilies = ["SQLitePCLRaw."];

    private static readonly Lazy<HashSet<string>> Assemblies = new(FindAssemblies);

    /// <summary>True when a package or assembly of this name is the host's to provide.</summary>
    public static bool Provides(string name) =>
        PackageFamilies.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)) || Assemblies.Value.Contains(name);

    private static HashSet<string> FindAssemblies()
    {
        string?[] frameworks =
        [
            Path.GetDirectoryName(typeof(object).Assembly.Location),
            Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Http.HttpContext).Assembly.Location),
        ];
        return frameworks.OfType<string>().Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*.dll"))
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Concat(PluginLoader.SharedAssemblyNames.Select(a => a.Name).OfType<string>())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
