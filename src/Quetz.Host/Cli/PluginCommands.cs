using System.Collections;
using System.Text.RegularExpressions;
using Quetz.Host.Config;
using Quetz.Host.Data;
using Quetz.Host.Plugins;

namespace Quetz.Host.Cli;

/// <summary><c>quetz plugin list</c> and <c>quetz plugin install</c>; every failure is one line on stderr and exit code 1.</summary>
internal static partial class PluginCommands
{
    private static IDictionary Environment => System.Environment.GetEnvironmentVariables();

    /// <summary>
    /// Prints every plugin of the deployment's plugins.toml. Enabled ones are loaded through the real loader, as the
    /// server would, to report their version and extension points; disabled ones are only named.
    /// </summary>
    public static int List(string path, TextWriter output)
    {
        var directory = System.IO.Path.GetFullPath(path);
        try
        {
            var file = PluginsFile.PathFor(directory, Environment);
            var entries = PluginsFile.Read(file, Environment);
            if (entries.Count == 0)
            {
                output.WriteLine($"No plugins in {file}.");
                return 0;
            }

            using var database = new HostDatabase(Deployment.Load(directory, Environment).Database);
            List<string[]> rows = [["NAME", "ENABLED", "VERSION", "ORIGIN", "EXTENSION POINTS"]];
            foreach (var entry in entries)
            {
                if (!entry.Enabled)
                {
                    rows.Add([entry.Name, "disabled", entry.Version ?? "-", Origin(entry), "-"]);
                    continue;
                }

                var plugin = PluginRegistration.Register(new ServiceCollection(), entry, directory, database);
                rows.Add([plugin.Name, "enabled", plugin.Version, plugin.Origin, plugin.ExtensionPoints.Count == 0 ? "-" : string.Join(",", plugin.ExtensionPoints)]);
            }

            var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
            foreach (var row in rows)
            {
                output.WriteLine(string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]))));
            }

            return 0;
        }
        catch (ConfigException e)
        {
            return Fail(e.Message);
        }
    }

    public static async Task<int> InstallAsync(InstallRequest request, TextWriter output, CancellationToken ct)
    {
        var directory = System.IO.Path.GetFullPath(request.Deployment);
        var name = request.Name ?? request.Id.ToLowerInvariant().Replace('.', '_');
        if (!PluginName().IsMatch(name))
        {
            return Fail($"'{name}' is not a plugin name: use letters, digits, '_' and '-' (give one with --name)");
        }

        var source = request.Source ?? PluginInstaller.NuGetOrg;
        if (!source.Contains("://", StringComparison.Ordinal))
        {
            source = System.IO.Path.GetFullPath(source);
            if (!Directory.Exists(source))
            {
                return Fail($"source folder {source} does not exist");
            }
        }

        try
        {
            var file = PluginsFile.PathFor(directory, Environment);
            var text = File.Exists(file) ? await File.ReadAllTextAsync(file, ct) : "";
            PluginsFile.Read(file, Environment);
            var installed = await PluginInstaller.InstallAsync(directory, request.Id, request.Version, source, ct);
            await WriteCheckedAsync(file, PluginsFileEditor.SetPackage(text, name, installed.Id, installed.Version), ct);
            await output.WriteLineAsync($"Installed {installed.Id} {installed.Version} as plugin '{name}' into {installed.Directory} " +
                $"({string.Join(", ", installed.Packages)}); {file} updated.");
            return 0;
        }
        catch (PluginInstallException e)
        {
            return Fail(e.Message);
        }
        catch (ConfigException e)
        {
            return Fail(e.Message);
        }
        catch (Exception e) when (e is NuGet.Protocol.Core.Types.FatalProtocolException or HttpRequestException or IOException or UnauthorizedAccessException
            or InvalidDataException)
        {
            return Fail($"installing {request.Id} from {source} failed: {e.Message}");
        }
    }

    /// <summary>Replaces plugins.toml only with text the loader accepts, so an install never leaves a broken file.</summary>
    private static async Task WriteCheckedAsync(string file, string text, CancellationToken ct)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        var temporary = file + ".new";
        await File.WriteAllTextAsync(temporary, text, ct);
        try
        {
            PluginsFile.Read(temporary, Environment);
        }
        catch (ConfigException)
        {
            File.Delete(temporary);
            throw;
        }

        File.Move(temporary, file, overwrite: true);
    }

    private static string Origin(PluginEntry entry) => entry switch
    {
        { Path: { } path } => $"path {path}",
        { Package: { } id } => $"nuget {id} {entry.Version}",
        _ => "bundled",
    };

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex PluginName();

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 1;
    }
}

internal sealed record InstallRequest(string Id, string? Version, string? Source, string Deployment, string? Name);
