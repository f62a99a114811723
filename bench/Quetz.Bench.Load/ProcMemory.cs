using System.Globalization;

namespace Quetz.Bench.Load;

/// <summary>
/// Peak resident memory (VmHWM) of the server processes, from /proc. The peak can be reset (Linux 4.0+:
/// writing 5 to clear_refs), so one phase, such as a full index, can be measured after others have run.
/// </summary>
internal static class ProcMemory
{
    /// <summary>The summed VmHWM of <paramref name="pids"/> in KiB; <paramref name="each"/> sees every process's own.</summary>
    public static long PeakKb(IEnumerable<int> pids, Action<int, long>? each = null)
    {
        long total = 0;
        foreach (var pid in pids)
        {
            var kb = Read(pid, "VmHWM:");
            if (kb is long value)
            {
                each?.Invoke(pid, value);
                total += value;
            }
        }

        return total;
    }

    /// <summary>The summed VmRSS of <paramref name="pids"/> in KiB.</summary>
    public static long CurrentKb(IEnumerable<int> pids) => pids.Sum(pid => Read(pid, "VmRSS:") ?? 0);

    /// <summary>Resets the peak to the current RSS; false where the kernel or permissions do not allow it.</summary>
    public static bool ResetPeak(IEnumerable<int> pids)
    {
        var all = true;
        foreach (var pid in pids)
        {
            try
            {
                File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                all = false;
            }
        }

        return all;
    }

    private static long? Read(int pid, string key)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status))
        {
            return null;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        // "VmHWM:\t  123456 kB": the padding before the number is spaces until the number fills the field, then none.
        return line is null ? null : long.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
