using System.Globalization;

namespace Quetz.Bench.Load;

/// <summary>
/// Waits until the server processes use little CPU (from /proc/PID/stat), so a measurement does not overlap the
/// deferred work (compressed siblings, index pages) of the step before it.
/// </summary>
internal static class ServerIdle
{
    /// <summary>Returns once the processes used under 10% of one core for a whole second, or after <paramref name="max"/>.</summary>
    public static async Task WaitAsync(int[] pids, TimeSpan max)
    {
        if (pids.Length == 0)
        {
            return;
        }

        var ticksPerSecond = 100.0;
        var deadline = DateTime.UtcNow + max;
        var before = CpuTicks(pids);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000);
            var now = CpuTicks(pids);
            if ((now - before) / ticksPerSecond < 0.1)
            {
                return;
            }

            before = now;
        }

        Program.Note($"server still busy after {max.TotalSeconds:0} s; measuring anyway");
    }

    private static long CpuTicks(int[] pids)
    {
        long total = 0;
        foreach (var pid in pids)
        {
            var path = $"/proc/{pid}/stat";
            if (!File.Exists(path))
            {
                continue;
            }

            // Fields after the parenthesised command: utime and stime are the 12th and 13th.
            var text = File.ReadAllText(path);
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            total += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }

        return total;
    }
}
