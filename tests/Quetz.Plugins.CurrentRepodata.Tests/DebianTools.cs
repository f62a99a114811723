using System.Diagnostics;

namespace Quetz.Plugins.CurrentRepodata.Tests;

/// <summary>Decompresses with Debian's zstd, bzip2 and gzip, independently of the library the server compresses with.</summary>
internal static class DebianTools
{
    public static async Task<byte[]> DecompressAsync(byte[] compressed, string extension)
    {
        var tool = extension switch
        {
            ".zst" => "zstd",
            ".bz2" => "bzip2",
            ".gz" => "gzip",
            _ => throw new ArgumentException(extension, nameof(extension)),
        };
        var start = new ProcessStartInfo(tool, ["-d", "-c"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(compressed);
        process.StandardInput.Close();
        await reading;
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} -d failed: {await errors}");
        return output.ToArray();
    }
}
