using System.Reflection;
using System.Text.Json;

namespace Quetz.EndToEnd.Tests.Infrastructure;

/// <summary>A record as rattler chose it (node/solve.mjs prints these fields).</summary>
public sealed record SolvedRecord(
    string Name, string Version, string Build, long? BuildNumber, string? Subdir, string Filename, string Url,
    string? Channel, string? Sha256, string? Md5, long? Size, string[] Depends);

/// <summary>rattler's answer: the chosen records, or the failure it printed.</summary>
public sealed record SolveResult(ProcessResult Process, IReadOnlyList<SolvedRecord> Records)
{
    public bool Succeeded => Process.ExitCode == 0;

    public SolvedRecord Single(string name) => Assert.Single(Records, r => r.Name == name);
}

/// <summary>
/// A real conda client: <c>@conda-org/rattler</c> 0.3.5 from npm (the Rust solver behind pixi, as WebAssembly)
/// run by Node through <c>node/solve.mjs</c>. It fetches repodata from our server over HTTP as pixi does.
/// </summary>
public static class Rattler
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly Lazy<Task> Installed = new(InstallAsync);

    /// <summary>The folder with package.json, package-lock.json and solve.mjs (the project's source folder).</summary>
    public static string NodeDirectory { get; } =
        Environment.GetEnvironmentVariable("QUETZ_E2E_NODE_DIR")
        ?? typeof(Rattler).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "QuetzNodeDirectory").Value!;

    public static async Task<SolveResult> SolveAsync(IEnumerable<string> specs, IEnumerable<string> channels, IEnumerable<string> platforms)
    {
        await Installed.Value;
        var request = JsonSerializer.Serialize(new { specs, channels, platforms });
        var result = await ExternalProcess.RunAsync("node", ["solve.mjs", "-"], NodeDirectory, request, TimeSpan.FromSeconds(30));
        var records = result.ExitCode == 0 ? JsonSerializer.Deserialize<SolvedRecord[]>(result.Stdout, Json)! : [];
        return new SolveResult(result, records);
    }

    /// <summary><c>npm ci</c> from the committed lock file when node_modules is missing (test.sh does it beforehand).</summary>
    private static async Task InstallAsync()
    {
        if (File.Exists(Path.Combine(NodeDirectory, "node_modules", "@conda-org", "rattler", "package.json")))
        {
            return;
        }

        var result = await ExternalProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], NodeDirectory, timeout: TimeSpan.FromMinutes(3));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {NodeDirectory} failed: {result}");
        }
    }
}
