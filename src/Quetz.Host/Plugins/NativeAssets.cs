using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Quetz.Host.Plugins;

/// <summary>
/// Native libraries of plugins installed from NuGet. Such a plugin has no <c>.deps.json</c> naming its native
/// assets (a build output has one; a package does not), so the installer keeps them where the package had them,
/// under <c>runtimes/&lt;rid&gt;/native/</c>, and the plugin's load context looks there when a library is not
/// found otherwise, most specific runtime identifier first.
/// </summary>
internal static class NativeAssets
{
    /// <summary>
    /// The runtime identifiers whose assets run here, most specific first, as NuGet's portable graph has them
    /// (<c>linux-x64</c>, <c>linux</c>, <c>unix-x64</c>, <c>unix</c>, <c>any</c>). A distribution's own .NET build
    /// reports its own identifier (<c>ubuntu.24.04-x64</c>), which packages rarely carry: it comes first, then the
    /// portable chain of this operating system and processor.
    /// </summary>
    public static IReadOnlyList<string> CompatibleRids { get; } = RidChain(
        RuntimeInformation.RuntimeIdentifier,
        OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : OperatingSystem.IsFreeBSD() ? "freebsd" : "linux",
        RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant());

    /// <param name="reported">What the runtime says it was built for.</param>
    /// <param name="os">The portable name of this operating system: <c>linux</c>, <c>osx</c>, <c>win</c> or <c>freebsd</c>.</param>
    /// <param name="arch">The processor, as runtime identifiers name it: <c>x64</c>, <c>arm64</c>, …</param>
    public static IReadOnlyList<string> RidChain(string reported, string os, string arch)
    {
        if (os == "linux" && reported.Contains("-musl", StringComparison.Ordinal))
        {
            os = "linux-musl";
        }

        List<string> chain = [reported, $"{os}-{arch}", os];
        if (os == "linux-musl")
        {
            chain.AddRange([$"linux-{arch}", "linux"]);
        }

        if (os != "win")
        {
            chain.AddRange([$"unix-{arch}", "unix"]);
        }

        chain.Add("any");
        return [.. chain.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Lets <paramref name="context"/> find the native libraries unpacked into <paramref name="pluginDirectory"/>.</summary>
    public static void ResolveFrom(AssemblyLoadContext context, string pluginDirectory) =>
        context.ResolvingUnmanagedDll += (_, name) => Probe(pluginDirectory, name);

    private static IntPtr Probe(string pluginDirectory, string name)
    {
        foreach (var rid in CompatibleRids)
        {
            var folder = Path.Combine(pluginDirectory, "runtimes", rid, "native");
            foreach (var file in FileNames(name))
            {
                var path = Path.Combine(folder, file);
                if (File.Exists(path))
                {
                    return NativeLibrary.Load(path);
                }
            }
        }

        return IntPtr.Zero;
    }

    /// <summary>The file names a <c>DllImport</c> name may stand for here, as the runtime itself tries them.</summary>
    private static IEnumerable<string> FileNames(string name)
    {
        if (Path.GetFileName(name) != name)
        {
            yield break;
        }

        var (prefix, suffix) = OperatingSystem.IsWindows() ? ("", ".dll") : OperatingSystem.IsMacOS() ? ("lib", ".dylib") : ("lib", ".so");
        yield return name;
        yield return name + suffix;
        yield return prefix + name;
        yield return prefix + name + suffix;
    }
}
