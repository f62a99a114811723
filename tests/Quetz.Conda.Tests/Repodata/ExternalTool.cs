using System.Diagnostics;

namespace Quetz.Conda.Tests.Repodata;

/// <summary>Runs a command-line program (Debian's bzip2, zstd, gzip) with bytes on stdin.</summary>
internal static class ExternalTool
{
    public static string Require(string program)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"'{program}' is not on PATH. These tests check our compressed repodata with Debian's own tools: apt-get install -y bzip2 zstd gzip");
    }

    public static async Task<byte[]> RunAsync(string program, byte[] input, params string[] arguments)
    {
        var start = new ProcessStartInfo(Require(program))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        using var output = new MemoryStream();
        Task copyOut = process.StandardOutput.BaseStream.CopyToAsync(output);
        Task<string> errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(input);
        process.StandardInput.Close();
        await copyOut;
        string stderr = await errors;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr}");
        }

        return output.ToArray();
    }
}
