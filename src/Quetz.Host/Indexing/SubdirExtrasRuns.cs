namespace Quetz.Host.Indexing;

/// <summary>
/// One deferred pass per subdir at a time on this host. A burst of uploads schedules a pass per build, each reading
/// and compressing the whole repodata.json (about 2 GiB of memory for a million records); run side by side they
/// multiply that and redo each other's work. A request that arrives while a pass runs makes that pass go once more
/// when it ends (forced if any such request was), then returns at once.
/// </summary>
internal sealed class SubdirExtrasRuns
{
    private readonly Dictionary<string, Pending> _running = new(StringComparer.Ordinal);

    public async Task RunAsync(string channel, string subdir, bool force, Func<bool, Task> pass)
    {
        var key = $"{channel}/{subdir}";
        lock (_running)
        {
            if (_running.TryGetValue(key, out var pending))
            {
                pending.Again = true;
                pending.Force |= force;
                return;
            }

            _running[key] = new Pending();
        }

        try
        {
            while (true)
            {
                await pass(force);
                lock (_running)
                {
                    var pending = _running[key];
                    if (!pending.Again)
                    {
                        _running.Remove(key);
                        return;
                    }

                    force = pending.Force;
                    pending.Again = false;
                    pending.Force = false;
                }
            }
        }
        catch
        {
            // Hangfire retries the failed job, and that pass covers the requests folded into it, except that a folded
            // forced request then runs unforced: derived files made from unchanged JSON wait for the next build.
            lock (_running)
            {
                _running.Remove(key);
            }

            throw;
        }
    }

    private sealed class Pending
    {
        public bool Again { get; set; }

        public bool Force { get; set; }
    }
}
