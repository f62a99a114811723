using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Quetz.Host.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for the whole test run, started from Debian's server binaries
/// (initdb + pg_ctl on a free port on 127.0.0.1, trust auth) and removed when the process exits.
/// Each test fixture gets a database of its own in it.
/// </summary>
public sealed class PostgresCluster
{
    private static readonly Lazy<PostgresCluster> Shared = new(Start);
    private readonly string _directory;
    private readonly string _binaries;
    private readonly string? _runAs;

    private PostgresCluster(string directory, string binaries, int port, string? runAs)
    {
        _directory = directory;
        _binaries = binaries;
        Port = port;
        _runAs = runAs;
    }

    public static PostgresCluster Instance => Shared.Value;

    public int Port { get; }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    /// <summary>A new, empty database and its SQLAlchemy-style URL, as an operator would write it in config.toml.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "quetz_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return $"postgresql://postgres@127.0.0.1:{Port}/{name}";
    }

    private static PostgresCluster Start()
    {
        var binaries = FindBinaries();
        var directory = Path.Combine(Path.GetTempPath(), "quetz-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        if (runAs is not null)
        {
            // initdb refuses to run as root: the cluster belongs to the postgres user.
            Run("chown", ["-R", runAs, directory], null);
        }

        var port = FreePort();
        var data = Path.Combine(directory, "data");
        Run(Path.Combine(binaries, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"], runAs);
        Run(Path.Combine(binaries, "pg_ctl"),
            ["-D", data, "-o", $"-k {directory} -h 127.0.0.1 -p {port} -c fsync=off -c max_connections=300", "-l", Path.Combine(directory, "log"), "-w", "start"],
            runAs);
        var cluster = new PostgresCluster(directory, binaries, port, runAs);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        return cluster;
    }

    private void Stop()
    {
        try
        {
            Run(Path.Combine(_binaries, "pg_ctl"), ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "stop"], _runAs);
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static string FindBinaries()
    {
        var root = "/usr/lib/postgresql";
        var found = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: run ./test.sh, which installs Debian's postgresql package.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, string[] arguments, string? runAs)
    {
        var start = runAs is null
            ? new ProcessStartInfo(file)
            : new ProcessStartInfo("runuser", ["-u", runAs, "--", file]);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = "/";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr}{stdout.Result}");
        }
    }
}
