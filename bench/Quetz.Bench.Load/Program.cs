using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Quetz.Conda.Archives;

namespace Quetz.Bench.Load;

/// <summary>
/// Load driver for any quetz-compatible server over loopback. Prints one line per figure:
/// <c>FIGURE &lt;name&gt; &lt;value&gt; &lt;unit&gt;</c>, plus <c>#</c> comment lines with detail.
/// </summary>
internal static class Program
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> Main(string[] args)
    {
        var o = Options.Parse(args);
        if (o is null)
        {
            Console.Error.WriteLine("""
                usage: Quetz.Bench.Load --url URL --key KEY [--scenario all|upload|latency|repodata|download|shards]
                       [--pid PID[,PID...]] [--db SQLITE --schema ours|quetz] [--sizes 400,10000,100000]
                       [--shard-sizes 100000] [--seconds 5] [--cache DIR] [--tag TAG]
                  --db/--schema: seed latency subdirs by cloning rows in the server's SQLite database (else by uploads);
                                 the shards scenario needs --db with --schema ours
                  --shard-sizes: records in each synthetic subdir of the shards scenario (skipped where the server
                                 answers 404 for repodata_shards.msgpack.zst)
                  --pid: server processes whose VmHWM (peak RSS) is summed and printed at the end
                """);
            return 2;
        }

        var driver = new Driver(o);
        foreach (var scenario in o.Scenarios)
        {
            switch (scenario)
            {
                case "latency": await driver.LatencyAsync(); break;
                case "repodata": await driver.RepodataAsync(); break;
                case "download": await driver.DownloadAsync(); break;
                case "upload": await driver.UploadAsync(); break;
                case "shards": await driver.ShardsAsync(); break;
                default: Console.Error.WriteLine($"unknown scenario {scenario}"); return 2;
            }
        }

        driver.PeakMemory();
        return 0;
    }

    internal static void Figure(string name, double value, string unit) =>
        Console.WriteLine(string.Create(Inv, $"FIGURE {name} {value:0.###} {unit}"));

    internal static void Note(string text) => Console.WriteLine("# " + text);
}

internal sealed record Options(string Url, string Key, string[] Scenarios, int[] Pids, string? Db, string Schema, int[] Sizes, int[] ShardSizes,
    double Seconds, string Cache, string Tag)
{
    public static Options? Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }

            map[args[i][2..]] = args[i + 1];
        }

        if (!map.TryGetValue("url", out var url) || !map.TryGetValue("key", out var key))
        {
            return null;
        }

        var scenario = map.GetValueOrDefault("scenario", "all");
        string[] scenarios = scenario == "all" ? ["latency", "repodata", "download", "upload", "shards"] : scenario.Split(',');
        int[] ints(string k, string d) => map.GetValueOrDefault(k, d).Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        return new Options(url.TrimEnd('/'), key, scenarios, ints("pid", ""), map.GetValueOrDefault("db"), map.GetValueOrDefault("schema", "ours"),
            ints("sizes", "400,10000,100000"), ints("shard-sizes", "100000"), double.Parse(map.GetValueOrDefault("seconds", "5"), CultureInfo.InvariantCulture),
            map.GetValueOrDefault("cache", Path.Combine(Path.GetTempPath(), "quetz-bench-cache")),
            map.GetValueOrDefault("tag", DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture)));
    }
}

internal sealed partial class Driver
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly Options _o;
    private readonly HttpClient _http;
    private readonly List<(int Size, string Channel)> _latencyChannels = [];

    public Driver(Options o)
    {
        _o = o;
        _http = NewClient(64);
    }

    private HttpClient NewClient(int connections, bool gzip = false)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(30),
            AutomaticDecompression = gzip ? DecompressionMethods.GZip : DecompressionMethods.None,
            UseCookies = false,
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(_o.Url + "/"), Timeout = TimeSpan.FromMinutes(10) };
        client.DefaultRequestHeaders.Add("X-API-Key", _o.Key);
        return client;
    }

    // ---------------------------------------------------------------- packages

    public static byte[] BuildPackage(string name, string version, byte[]? payload = null)
    {
        var index = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["arch"] = "x86_64", ["build"] = "0", ["build_number"] = 0, ["depends"] = new[] { "python >=3.8", "libzlib >=1.2.13,<2.0a0" },
            ["license"] = "BSD", ["name"] = name, ["platform"] = "linux", ["subdir"] = "linux-64", ["timestamp"] = 1599839787252L,
            ["version"] = version,
        });
        ArchiveEntry[] entries =
        [
            ArchiveEntry.Text("info/index.json", index),
            ArchiveEntry.Text("info/about.json", $$"""{"home": "https://example.org/{{name}}", "license": "BSD", "summary": "{{name}} summary"}"""),
            ArchiveEntry.Text("info/files", $"share/{name}/payload.bin\n"),
            new ArchiveEntry($"share/{name}/payload.bin", payload ?? Encoding.UTF8.GetBytes($"hello {name} {version}")),
        ];
        using var output = new MemoryStream();
        PackageWriter.WriteTarBz2Async(output, entries, CancellationToken.None).GetAwaiter().GetResult();
        return output.ToArray();
    }

    private static string FileName(string name, string version) => $"{name}-{version}-0.tar.bz2";

    private static List<(string File, byte[] Body, string Sha)> BuildMany(string name, int count, int offset = 0)
    {
        var result = new (string, byte[], string)[count];
        Parallel.For(0, count, i =>
        {
            var version = $"1.0.{i + offset}";
            var body = BuildPackage(name, version);
            result[i] = (FileName(name, version), body, Convert.ToHexStringLower(SHA256.HashData(body)));
        });
        return [.. result];
    }

    private async Task<long> UploadAsync(HttpClient client, string channel, string file, byte[] body, string sha)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = null;
        using var response = await client.PostAsync($"api/channels/{channel}/upload/{file}?sha256={sha}&force=false", content);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"upload {channel}/{file}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return Stopwatch.GetTimestamp();
    }

    private async Task CreateChannelAsync(string name)
    {
        using var content = new StringContent(JsonSerializer.Serialize(new { name, @private = false }), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("api/channels", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"create channel {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private int _torn;

    private async Task<byte[]?> RepodataAsync(string channel)
    {
        try
        {
            using var response = await _http.GetAsync($"get/{channel}/linux-64/repodata.json");
            return response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync() : null;
        }
        catch (HttpRequestException e)
        {
            // A response cut short (Content-Length not met): counted and reported, then polled again.
            Interlocked.Increment(ref _torn);
            Program.Note($"torn repodata.json response: {e.InnerException?.Message ?? e.Message}");
            return null;
        }
    }

    /// <summary>Polls repodata.json every 5 ms until it names <paramref name="file"/>; returns when it first did, and the poll count.</summary>
    private async Task<(long Seen, int Polls)> WaitVisibleAsync(string channel, string file, TimeSpan timeout)
    {
        var needle = Encoding.UTF8.GetBytes($"\"{file}\"");
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var polls = 0;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            polls++;
            var body = await RepodataAsync(channel);
            if (body is not null && body.AsSpan().IndexOf(needle) >= 0)
            {
                return (Stopwatch.GetTimestamp(), polls);
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"{channel}/linux-64/{file} not in repodata.json after {timeout}");
    }

    private static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    // ---------------------------------------------------------------- upload

    public async Task UploadAsync()
    {
        var channel = $"bup{_o.Tag}";
        await CreateChannelAsync(channel);
        var seconds = Math.Max(_o.Seconds * 2, 10);
        var seq = BuildMany("seqpkg", 400);
        var client = NewClient(1);
        await UploadAsync(client, channel, seq[0].File, seq[0].Body, seq[0].Sha);
        var start = Stopwatch.GetTimestamp();
        var done = 0;
        foreach (var (file, body, sha) in seq.Skip(1))
        {
            await UploadAsync(client, channel, file, body, sha);
            done++;
            if (Ms(start, Stopwatch.GetTimestamp()) > seconds * 1000)
            {
                break;
            }
        }

        var elapsed = Ms(start, Stopwatch.GetTimestamp()) / 1000;
        Program.Note($"sequential: {done} uploads in {elapsed:0.00} s");
        Program.Figure("upload_seq", done / elapsed, "uploads/s");
        await SettleAsync(channel, seq[done].File);

        var conc = BuildMany("concpkg", 3000);
        var client16 = NewClient(16);
        var next = -1;
        var count = 0;
        start = Stopwatch.GetTimestamp();
        var stopAt = start + (long)(seconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, 16).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < conc.Count && Stopwatch.GetTimestamp() < stopAt)
            {
                await UploadAsync(client16, channel, conc[i].File, conc[i].Body, conc[i].Sha);
                Interlocked.Increment(ref count);
            }
        }).ToList();
        await Task.WhenAll(workers);
        elapsed = Ms(start, Stopwatch.GetTimestamp()) / 1000;
        Program.Note($"concurrent (16 in flight): {count} uploads in {elapsed:0.00} s");
        Program.Figure("upload_conc16", count / elapsed, "uploads/s");
        var settleStart = Stopwatch.GetTimestamp();
        await SettleAsync(channel, conc[count - 1].File);
        Program.Note($"last concurrent upload visible in repodata {Ms(settleStart, Stopwatch.GetTimestamp()):0} ms after the burst ended");
    }

    private async Task SettleAsync(string channel, string file) => await WaitVisibleAsync(channel, file, TimeSpan.FromMinutes(10));

    // ---------------------------------------------------------------- latency

    public async Task LatencyAsync()
    {
        foreach (var size in _o.Sizes)
        {
            var channel = $"blat{size}x{_o.Tag}";
            await CreateChannelAsync(channel);
            var seedStart = Stopwatch.GetTimestamp();
            await SeedAsync(channel, size);
            Program.Note($"seeded {channel}/linux-64 with {size} records in {Ms(seedStart, Stopwatch.GetTimestamp()) / 1000:0.0} s");
            _latencyChannels.Add((size, channel));

            var probes = BuildMany("probe", 6);
            // Warm-up: the first build after seeding may be a full one.
            var t0 = Stopwatch.GetTimestamp();
            var up = await UploadAsync(_http, channel, probes[0].File, probes[0].Body, probes[0].Sha);
            var (seen, _) = await WaitVisibleAsync(channel, probes[0].File, TimeSpan.FromMinutes(10));
            Program.Note($"{size}: warm-up upload took {Ms(t0, up):0} ms, visible {Ms(up, seen):0} ms after its 201");
            var body = await RepodataAsync(channel);
            Program.Note($"{size}: repodata.json is {body!.Length / 1024.0:0} KB");
            var samples = new List<double>();
            var endToEnd = new List<double>();
            var uploads = new List<double>();
            var pollCounts = new List<int>();
            foreach (var (file, b, sha) in probes.Skip(1))
            {
                await Task.Delay(200);
                var t = Stopwatch.GetTimestamp();
                var created = await UploadAsync(_http, channel, file, b, sha);
                var (visible, polls) = await WaitVisibleAsync(channel, file, TimeSpan.FromMinutes(10));
                uploads.Add(Ms(t, created));
                samples.Add(Ms(created, visible));
                endToEnd.Add(Ms(t, visible));
                pollCounts.Add(polls);
            }

            samples.Sort();
            Program.Note(string.Create(Inv, $"{size}: visible after 201 (ms): {string.Join(' ', samples.Select(s => s.ToString("0", Inv)))}; upload request (ms): {string.Join(' ', uploads.Select(s => s.ToString("0", Inv)))}; polls: {string.Join(' ', pollCounts)}"));
            endToEnd.Sort();
            Program.Figure($"visible_{size}", samples[samples.Count / 2], "ms");
            Program.Figure($"upload_start_to_visible_{size}", endToEnd[endToEnd.Count / 2], "ms");
        }
    }

    private async Task SeedAsync(string channel, int size)
    {
        // The template the database clones are made from (and what makes the channel's package and subdir rows).
        var template = BuildPackage("seedpkg", "0.0.0");
        await UploadAsync(_http, channel, FileName("seedpkg", "0.0.0"), template, Convert.ToHexStringLower(SHA256.HashData(template)));
        await WaitVisibleAsync(channel, FileName("seedpkg", "0.0.0"), TimeSpan.FromMinutes(1));
        if (size <= 1)
        {
            return;
        }

        if (_o.Db is null)
        {
            var packages = BuildMany("seedpkg", size - 1, 1);
            var client = NewClient(16);
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < packages.Count)
                {
                    await UploadAsync(client, channel, packages[i].File, packages[i].Body, packages[i].Sha);
                }
            }));
            await WaitVisibleAsync(channel, packages[^1].File, TimeSpan.FromMinutes(10));
            return;
        }

        // Clone the template row size-1 times with new versions and file names; json_set keeps info consistent.
        var id = _o.Schema == "quetz"
            ? "randomblob(16)"
            : "upper(substr(h,1,8)||'-'||substr(h,9,4)||'-'||substr(h,13,4)||'-'||substr(h,17,4)||'-'||substr(h,21,12))";
        var sql = new StringBuilder();
        sql.Append(Inv, $"""
            PRAGMA busy_timeout = 30000;
            BEGIN IMMEDIATE;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {size - 1}),
                 r(i, h) AS (SELECT i, hex(randomblob(16)) FROM n)
            INSERT INTO package_versions (id, channel_name, package_name, package_format, platform, version, build_string, build_number,
                size, version_order, download_count, filename, info, uploader_id, time_created, time_modified)
            SELECT {id}, v.channel_name, v.package_name, v.package_format, v.platform, '1.0.' || r.i, v.build_string, v.build_number,
                v.size, r.i, 0, 'seedpkg-1.0.' || r.i || '-0.tar.bz2', json_set(v.info, '$.version', '1.0.' || r.i),
                v.uploader_id, v.time_created, v.time_modified
            FROM package_versions v, r WHERE v.channel_name = '{channel}' AND v.filename = 'seedpkg-0.0.0-0.tar.bz2';

            """);
        if (_o.Schema == "ours")
        {
            // Our indexer keeps a snapshot per subdir and loads only logged changes; a new epoch makes it load the subdir
            // in full, as after a restart. (Logging 100k changes instead wedges it: see README, Performance.)
            sql.Append(Inv, $"""
                UPDATE subdir_indexes SET generation = generation + 1,
                    epoch = (SELECT upper(substr(h,1,8)||'-'||substr(h,9,4)||'-'||substr(h,13,4)||'-'||substr(h,17,4)||'-'||substr(h,21,12)) FROM (SELECT hex(randomblob(16)) AS h))
                WHERE channel_name = '{channel}' AND subdir = 'linux-64';

                """);
        }

        sql.Append("COMMIT;\n");
        var psi = new ProcessStartInfo("sqlite3", [_o.Db]) { RedirectStandardInput = true, RedirectStandardError = true };
        using var process = Process.Start(psi)!;
        await process.StandardInput.WriteAsync(sql.ToString());
        process.StandardInput.Close();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"sqlite3 seeding failed: {error}");
        }
    }

    // ---------------------------------------------------------------- repodata

    public async Task RepodataAsync()
    {
        if (_latencyChannels.Count == 0)
        {
            Program.Note("repodata: run the latency scenario first (it makes the channels)");
            return;
        }

        foreach (var (size, channel) in _latencyChannels.Where(c => c.Size <= 10000))
        {
            var path = $"get/{channel}/linux-64/repodata.json";
            foreach (var gzip in new[] { false, true })
            {
                foreach (var connections in new[] { 1, 16, 64 })
                {
                    var (rps, bytes) = Wrk.Available
                        ? await Wrk.RunAsync(_o.Url + "/" + path, connections, _o.Seconds, gzip)
                        : await HttpLoopAsync(path, connections, gzip);
                    Program.Note(string.Create(Inv, $"repodata {size} gzip={gzip} c={connections}: {rps:0.0} req/s, {bytes / 1024.0:0} KB/response"));
                    Program.Figure($"repodata_{size}_{(gzip ? "gzip" : "plain")}_c{connections}", rps, "req/s");
                }
            }
        }
    }

    private Task<(double Rps, double BytesPerResponse)> HttpLoopAsync(string path, int connections, bool gzip) =>
        HttpLoopAsync([path], connections, gzip);

    /// <summary>GETs <paramref name="paths"/> round-robin on <paramref name="connections"/> connections for the configured seconds.</summary>
    private async Task<(double Rps, double BytesPerResponse)> HttpLoopAsync(string[] paths, int connections, bool gzip)
    {
        using var client = NewClient(connections);
        long count = 0, bytes = 0;
        var stopAt = Stopwatch.GetTimestamp() + (long)(_o.Seconds * Stopwatch.Frequency);
        var start = Stopwatch.GetTimestamp();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            var buffer = new byte[81920];
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var path = paths[(int)((uint)Interlocked.Increment(ref next) % (uint)paths.Length)];
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                if (gzip)
                {
                    request.Headers.AcceptEncoding.ParseAdd("gzip");
                }

                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                await using var stream = await response.Content.ReadAsStreamAsync();
                int n;
                while ((n = await stream.ReadAsync(buffer)) > 0)
                {
                    Interlocked.Add(ref bytes, n);
                }

                Interlocked.Increment(ref count);
            }
        }));
        var elapsed = Ms(start, Stopwatch.GetTimestamp()) / 1000;
        return (count / elapsed, count == 0 ? 0 : (double)bytes / count);
    }

    // ---------------------------------------------------------------- download

    public async Task DownloadAsync()
    {
        Directory.CreateDirectory(_o.Cache);
        var cached = Path.Combine(_o.Cache, "bigpkg-1.0.0-0.tar.bz2");
        if (!File.Exists(cached))
        {
            var payload = new byte[50 << 20];
            new Random(42).NextBytes(payload);
            await File.WriteAllBytesAsync(cached + ".tmp", BuildPackage("bigpkg", "1.0.0", payload));
            File.Move(cached + ".tmp", cached, true);
        }

        var body = await File.ReadAllBytesAsync(cached);
        var channel = $"bdl{_o.Tag}";
        await CreateChannelAsync(channel);
        var t = Stopwatch.GetTimestamp();
        await UploadAsync(_http, channel, "bigpkg-1.0.0-0.tar.bz2", body, Convert.ToHexStringLower(SHA256.HashData(body)));
        Program.Note($"50 MB upload took {Ms(t, Stopwatch.GetTimestamp()):0} ms ({body.Length / 1048576.0:0.0} MiB)");
        var path = $"get/{channel}/linux-64/bigpkg-1.0.0-0.tar.bz2";
        foreach (var connections in new[] { 1, 16 })
        {
            var (rps, bytes) = await HttpLoopAsync(path, connections, false);
            if (bytes < body.Length)
            {
                throw new InvalidOperationException($"download returned {bytes} bytes, expected {body.Length}");
            }

            Program.Figure($"download_c{connections}", rps * bytes / 1048576.0, "MiB/s");
        }
    }

    // ---------------------------------------------------------------- memory

    public void PeakMemory()
    {
        Program.Figure("torn_repodata_responses", _torn, "count");
        if (_o.Pids.Length == 0)
        {
            return;
        }

        // The shards scenario resets the peak to measure its full index alone; the run's peak is the larger of the two.
        var total = Math.Max(_peakBeforeResetKb, ProcMemory.PeakKb(_o.Pids, (pid, kb) => Program.Note($"pid {pid} VmHWM {kb / 1024.0:0.0} MiB")));
        Program.Figure("peak_rss", total / 1024.0, "MiB");
    }
}

/// <summary>wrk (Debian package) for the requests/s figures when it is installed: less client CPU than HttpClient on a small machine.</summary>
internal static class Wrk
{
    public static bool Available { get; } = Environment.GetEnvironmentVariable("BENCH_NO_WRK") is null
        && (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "wrk")));

    public static async Task<(double Rps, double BytesPerResponse)> RunAsync(string url, int connections, double seconds, bool gzip, string? script = null)
    {
        var args = new List<string> { "-t", Math.Min(connections, 2).ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{seconds.ToString(CultureInfo.InvariantCulture)}s", "--latency" };
        if (gzip)
        {
            args.AddRange(["-H", "Accept-Encoding: gzip"]);
        }

        if (script is not null)
        {
            args.AddRange(["-s", script]);
        }

        args.Add(url);
        var psi = new ProcessStartInfo("wrk", args) { RedirectStandardOutput = true };
        using var process = Process.Start(psi)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        double rps = 0, perSecond = 0;
        foreach (var line in output.Split('\n'))
        {
            var t = line.Trim();
            if (t.StartsWith("Requests/sec:", StringComparison.Ordinal))
            {
                rps = double.Parse(t["Requests/sec:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
            else if (t.StartsWith("Transfer/sec:", StringComparison.Ordinal))
            {
                perSecond = ParseSize(t["Transfer/sec:".Length..].Trim());
            }
            else if (t.StartsWith("Non-2xx", StringComparison.Ordinal) || t.StartsWith("Socket errors", StringComparison.Ordinal))
            {
                Program.Note("wrk: " + t);
            }
        }

        return (rps, rps == 0 ? 0 : perSecond / rps);
    }

    private static double ParseSize(string s)
    {
        var units = new[] { ("GB", 1024.0 * 1024 * 1024), ("MB", 1024.0 * 1024), ("KB", 1024.0), ("B", 1.0) };
        foreach (var (suffix, factor) in units)
        {
            if (s.EndsWith(suffix, StringComparison.Ordinal))
            {
                return double.Parse(s[..^suffix.Length], CultureInfo.InvariantCulture) * factor;
            }
        }

        return 0;
    }
}
