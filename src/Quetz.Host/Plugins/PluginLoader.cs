using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Configuration;
using Quetz.Abstractions.Plugins;
using Quetz.Host.Config;

namespace Quetz.Host.Plugins;

/// <summary>
/// Loads each plugin into an assembly load context of its own. The host shares with it only the contract
/// (Quetz.Abstractions, Quetz.Conda) and the framework (ASP.NET Core, EF Core with the host's providers,
/// Microsoft.Extensions.*); every other dependency is the plugin's own copy, so two plugins may use different
/// versions of one library. Any failure is a <see cref="ConfigException"/> naming the plugin.
/// </summary>
internal static class PluginLoader
{
    private static readonly string[] SharedPrefixes =
    [
        "Quetz.Abstractions", "Quetz.Conda", "Microsoft.AspNetCore.", "Microsoft.Extensions.", "Microsoft.EntityFrameworkCore",
        "Microsoft.Data.Sqlite", "SQLitePCLRaw.", "Npgsql",
    ];

    private static readonly Lazy<AssemblyName[]> SharedAssemblies = new(FindSharedAssemblies);

    /// <summary>The host's assemblies every plugin shares instead of bringing its own.</summary>
    public static IReadOnlyList<AssemblyName> SharedAssemblyNames => SharedAssemblies.Value;

    /// <summary>Where bundled plugins are: the <c>plugins</c> folder next to the host's assemblies.</summary>
    public static string BundledDirectory => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>Where <c>quetz plugin install</c> puts a NuGet plugin of a deployment.</summary>
    public static string PackageDirectory(string deploymentDirectory, string id, string version) =>
        Path.Combine(deploymentDirectory, "plugins", id.ToLowerInvariant(), version.ToLowerInvariant());

    public static LoadedPlugin Load(PluginEntry entry, string deploymentDirectory)
    {
        var (directory, origin) = entry switch
        {
            { Path: { } path } => (path, $"path {path}"),
            { Package: { } id, Version: { } version } => (PackageDirectory(deploymentDirectory, id, version), $"nuget {id} {version}"),
            _ => (Path.Combine(BundledDirectory, entry.Name), "bundled"),
        };
        try
        {
            if (!Directory.Exists(directory))
            {
                throw new PluginLoadException(entry.Package is null
                    ? $"folder {directory} does not exist"
                    : $"package {entry.Package} {entry.Version} is not installed at {directory} (run: quetz plugin install {entry.Package} --version {entry.Version})");
            }

            var mainAssembly = MainAssemblyPath(entry, directory);
            CheckContractVersion(mainAssembly);
            var loader = CreateLoader(mainAssembly);
            var assembly = loader.LoadDefaultAssembly();
            NativeAssets.ResolveFrom(System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(assembly)!, directory);
            var entryType = EntryType(assembly);
            var instance = (IQuetzPlugin)Activator.CreateInstance(entryType)!;
            var settings = new ConfigurationBuilder().AddInMemoryCollection(entry.Settings).Build();
            return new LoadedPlugin(entry.Name, origin, directory, assembly, instance, settings);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever went wrong (a broken deps.json, a bad image, a throwing constructor), the operator must learn which plugin.
            var reason = e is TargetInvocationException { InnerException: { } inner } ? inner.Message : e.Message;
            throw new ConfigException($"plugin '{entry.Name}' ({origin}) could not be loaded: {reason}");
        }
    }

    private static McMaster.NETCore.Plugins.PluginLoader CreateLoader(string mainAssembly) =>
        McMaster.NETCore.Plugins.PluginLoader.CreateFromAssemblyFile(mainAssembly, [typeof(IQuetzPlugin)], config =>
        {
            foreach (var name in SharedAssemblies.Value)
            {
                config.SharedAssemblies.Add(name);
            }

            config.PreferSharedTypes = false;
        });

    private static string MainAssemblyPath(PluginEntry entry, string directory)
    {
        string? name = entry.Assembly;
        if (name is null)
        {
            var deps = Directory.GetFiles(directory, "*.deps.json");
            if (deps.Length == 1)
            {
                name = Path.GetFileName(deps[0])[..^".deps.json".Length];
            }
            else if (entry.Package is not null && File.Exists(Path.Combine(directory, entry.Package + ".dll")))
            {
                name = entry.Package;
            }
            else
            {
                throw new PluginLoadException($"cannot tell the main assembly in {directory}: set assembly = \"<name>\"");
            }
        }

        var path = Path.Combine(directory, name + ".dll");
        return File.Exists(path) ? path : throw new PluginLoadException($"{path} does not exist");
    }

    /// <summary>
    /// Refuses a plugin built against another major version of the contract, or a newer minor one (it may use members
    /// this host lacks), before anything of it is loaded.
    /// </summary>
    private static void CheckContractVersion(string mainAssembly)
    {
        var provided = typeof(IQuetzPlugin).Assembly.GetName().Version!;
        using var stream = File.OpenRead(mainAssembly);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            throw new PluginLoadException($"{mainAssembly} is not a .NET assembly");
        }

        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.AssemblyReferences)
        {
            var reference = metadata.GetAssemblyReference(handle);
            if (metadata.GetString(reference.Name) != "Quetz.Abstractions")
            {
                continue;
            }

            var wanted = reference.Version;
            if (wanted.Major != provided.Major || wanted.Minor > provided.Minor)
            {
                throw new PluginLoadException(
                    $"it was built against Quetz.Abstractions {Format(wanted)}, and this host provides {Format(provided)}; " +
                    (wanted.Major != provided.Major ? "major versions differ" : "it needs a newer host"));
            }

            return;
        }

        throw new PluginLoadException($"{Path.GetFileName(mainAssembly)} does not reference Quetz.Abstractions");
    }

    private static string Format(Version v) => $"{v.Major}.{v.Minor}.{Math.Max(v.Build, 0)}";

    private static Type EntryType(Assembly assembly)
    {
        var candidates = assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IQuetzPlugin).IsAssignableFrom(t))
            .ToList();
        return candidates.Count switch
        {
            1 when candidates[0].GetConstructor(Type.EmptyTypes) is not null => candidates[0],
            1 => throw new PluginLoadException($"{candidates[0].FullName} has no public parameterless constructor"),
            0 => throw new PluginLoadException($"{assembly.GetName().Name} has no public class implementing IQuetzPlugin"),
            _ => throw new PluginLoadException($"{assembly.GetName().Name} has several classes implementing IQuetzPlugin: {string.Join(", ", candidates.Select(c => c.FullName))}"),
        };
    }

    /// <summary>
    /// The host's own copies of the shared assemblies: every trusted platform assembly with a shared prefix. Not EF
    /// Core's design-time assembly: the loader shares each shared assembly's references too, and that one pulls in
    /// Roslyn and Newtonsoft.Json, which plugins must be free to bring in their own versions.
    /// </summary>
    private static AssemblyName[] FindSharedAssemblies()
    {
        var tpa = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return [.. tpa
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => n is not null && SharedPrefixes.Any(p => n.StartsWith(p, StringComparison.Ordinal)) && !n.EndsWith(".Design", StringComparison.Ordinal))
            .Distinct()
            .Select(n => new AssemblyName(n!))];
    }
}

/// <summary>Why a plugin could not be loaded; turned into a <see cref="ConfigException"/> naming the plugin.</summary>
internal sealed class PluginLoadException(string message) : Exception(message);
