using System.Diagnostics;

namespace Quetz.EndToEnd.Tests.Infrastructure;

/// <summary>What a program written by someone else said and how it ended.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit code {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}

/// <summary>Runs the real clients (node, npm, cph) with a deadline; a process that overruns it is killed by its id.</summary>
public static class ExternalProcess
{
    public static async Task<ProcessResult> RunAsync(string file, IEnumerable<string> arguments, string workingDirectory,
        string? stdin = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot start {file} ({e.Message}): run ./test.sh, which installs what the end-to-end tests need", e);
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} did not finish in {timeout ?? TimeSpan.FromSeconds(30)}: {await stderr}");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}
