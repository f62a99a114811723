using System.Diagnostics;

namespace Quetz.Conda.Tests.Shards;

/// <summary>
/// Runs shards_interop.py under Debian's Python, whose python3-msgpack and python3-zstandard are the
/// implementation our shard files are checked against. Missing tools fail the test: test.sh installs them.
/// </summary>
internal static class PythonMsgpack
{
    // Debian's interpreter, not whatever python3 is first on PATH: only it sees the Debian packages.
    private const string Interpreter = "/usr/bin/python3";

    public static async Task<string> RunAsync(params string[] arguments)
    {
        if (!File.Exists(Interpreter))
        {
            throw new InvalidOperationException(
                $"{Interpreter} is missing. These tests check our shards with Debian's msgpack: apt-get install -y python3 python3-msgpack python3-zstandard");
        }

        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Shards", "shards_interop.py"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        string stderr = await errors;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"shards_interop.py {string.Join(' ', arguments)} exited with {process.ExitCode} "
                + $"(needs apt-get install -y python3-msgpack python3-zstandard): {stderr}");
        }

        return (await output).Trim();
    }
}
