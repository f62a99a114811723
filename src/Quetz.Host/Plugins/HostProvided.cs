namespace Quetz.Host.Plugins;

/// <summary>
/// What the host gives every plugin, so a plugin package must not bring its own copy: the contract, the framework
/// (the .NET and ASP.NET Core shared frameworks) and the libraries the loader shares (EF Core with the host's
/// providers, <c>Microsoft.Extensions.*</c>). A plugin's copy would be ignored at best and clash at worst.
/// </summary>
internal static class HostProvided
{
    private static readonly string[] Exact = ["Quetz.Abstractions", "Quetz.Conda"];

    private static readonly string[] Prefixes =
    [
        "Microsoft.AspNetCore.", "Microsoft.Extensions.", "Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.Data.Sqlite", "SQLitePCLRaw",
    ];

    private static readonly Lazy<HashSet<string>> FrameworkAssemblies = new(FindFrameworkAssemblies);

    /// <summary>True when a package or assembly of this name is the host's to provide.</summary>
    public static bool Provides(string name) =>
        Exact.Contains(name, StringComparer.OrdinalIgnoreCase)
        || Prefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase))
        || FrameworkAssemblies.Value.Contains(name);

    /// <summary>The assembly names of Microsoft.NETCore.App and Microsoft.AspNetCore.App, from the folders the host runs on.</summary>
    private static HashSet<string> FindFrameworkAssemblies()
    {
        string?[] folders =
        [
            Path.GetDirectoryName(typeof(object).Assembly.Location),
            Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Http.HttpContext).Assembly.Location),
        ];
        return folders.OfType<string>().Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*.dll"))
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
