using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quetz.Conda.Repodata.Shards;

namespace Quetz.Bench.Load;

/// <summary>
/// The CEP-16 sharded repodata scenario: on a synthetic subdir seeded in the database, the size of the shard index,
/// the bytes a client fetches to solve one package (index plus the shards of its dependency closure, walked as rattler
/// walks it) against <c>repodata.json.zst</c>, upload→shard-served latency, shard requests/s and peak memory while
/// the subdir is indexed in full. Servers without shards (404 for the index) are skipped.
/// </summary>
internal sealed partial class Driver
{
    private const string Subdir = "linux-64";
    private static readonly System.Buffers.SearchValues<char> SpecNameEnd = System.Buffers.SearchValues.Create(" =<>!~[;");
    private long _peakBeforeResetKb;

    public async Task ShardsAsync()
    {
        if (!await ServesShardsAsync())
        {
            return;
        }

        if (_o.Db is null || _o.Schema != "ours")
        {
            Program.Note("shards: skipped, seeding needs --db with --schema ours");
            return;
        }

        foreach (var size in _o.ShardSizes)
        {
            await ShardSubdirAsync(size);
        }
    }

    /// <summary>A one-package channel: does its subdir have a shard index once repodata.json names the package?</summary>
    private async Task<bool> ServesShardsAsync()
    {
        var channel = $"bshp{_o.Tag}";
        await CreateChannelAsync(channel);
        var body = BuildPackage("probe", "1.0.0");
        await UploadAsync(_http, channel, FileName("probe", "1.0.0"), body, Convert.ToHexStringLower(SHA256.HashData(body)));
        await WaitVisibleAsync(channel, FileName("probe", "1.0.0"), TimeSpan.FromMinutes(1));
        var deadline = Stopwatch.GetTimestamp() + (5 * Stopwatch.Frequency);
        HttpStatusCode status;
        do
        {
            using var response = await _http.GetAsync(IndexPath(channel));
            status = response.StatusCode;
            if (status == HttpStatusCode.OK)
            {
                return true;
            }

            await Task.Delay(50);
        }
        while (Stopwatch.GetTimestamp() < deadline);

        Program.Note($"shards: skipped, {IndexPath(channel)} answers {(int)status} (no sharded repodata on this server)");
        return false;
    }

    private async Task ShardSubdirAsync(int size)
    {
        var channel = $"bsh{size}x{_o.Tag}";
        await CreateChannelAsync(channel);
        var synthetic = SyntheticSubdir.Create(size - 1);
        var seedStart = Stopwatch.GetTimestamp();
        await SeedNamesAsync(channel, synthetic);
        Program.Note($"shards {size}: seeded {synthetic.Records + 1} records under {synthetic.Names.Count + 1} names in {Ms(seedStart, Stopwatch.GetTimestamp()) / 1000:0.0} s");

        // 5. peak memory of a full index: reset the high-water mark, index, read it when the index names every name.
        _peakBeforeResetKb = Math.Max(_peakBeforeResetKb, ProcMemory.PeakKb(_o.Pids));
        var rssBefore = ProcMemory.CurrentKb(_o.Pids);
        var reset = _o.Pids.Length > 0 && ProcMemory.ResetPeak(_o.Pids);
        var start = Stopwatch.GetTimestamp();
        await GenerateIndexesAsync(channel);
        var index = await WaitIndexAsync(channel, i => i.Shards.Count == synthetic.Names.Count + 1, TimeSpan.FromMinutes(30));
        var indexed = Stopwatch.GetTimestamp();
        Program.Figure($"shard_full_index_{size}", Ms(start, indexed), "ms");
        if (reset)
        {
            Program.Note($"shards {size}: RSS {rssBefore / 1024.0:0} MiB before the full index");
            Program.Figure($"peak_rss_full_index_{size}", ProcMemory.PeakKb(_o.Pids) / 1024.0, "MiB");
        }
        else if (_o.Pids.Length > 0)
        {
            Program.Note("shards: cannot reset VmHWM (/proc/PID/clear_refs), no indexing peak");
        }

        // 1. the index.
        var indexBytes = await GetBytesAsync(IndexPath(channel));
        Program.Figure($"shard_index_bytes_{size}", indexBytes.Length, "bytes");
        Program.Figure($"shard_index_names_{size}", index.Shards.Count, "count");

        // 2. what a client downloads to solve one package (after the full index's deferred work).
        await ServerIdle.WaitAsync(_o.Pids, TimeSpan.FromMinutes(2));
        await SolveAsync(channel, size);

        // 3. upload of a new version of an existing name → its shard and the index naming it served.
        await ShardLatencyAsync(channel, size, synthetic.Names[synthetic.Names.Count / 2].Text);
        if (reset)
        {
            Program.Note($"shards {size}: VmHWM {ProcMemory.PeakKb(_o.Pids) / 1024.0:0} MiB since the full index (with its deferred extras and the uploads)");
        }

        // 4. requests/s over a fixed set of shard URLs taken from the index.
        await ServerIdle.WaitAsync(_o.Pids, TimeSpan.FromMinutes(2));
        index = ShardIndexReader.Read(await GetBytesAsync(IndexPath(channel)));
        var paths = index.Shards.OrderBy(s => s.Key, StringComparer.Ordinal).Where((_, i) => i % Math.Max(1, index.Shards.Count / 256) == 0)
            .Take(256).Select(s => ShardPath(channel, index, s.Value)).ToList();
        await ShardRequestsAsync(size, paths);
    }

    private async Task SeedNamesAsync(string channel, SyntheticSubdir synthetic)
    {
        // The template row every record is cloned from (and the channel's package, subdir and index rows).
        var template = BuildPackage("seedpkg", "0.0.0");
        await UploadAsync(_http, channel, FileName("seedpkg", "0.0.0"), template, Convert.ToHexStringLower(SHA256.HashData(template)));
        await WaitVisibleAsync(channel, FileName("seedpkg", "0.0.0"), TimeSpan.FromMinutes(1));

        var sql = new StringBuilder();
        sql.Append("""
            PRAGMA busy_timeout = 30000;
            BEGIN IMMEDIATE;
            CREATE TEMP TABLE bench_names (idx INTEGER PRIMARY KEY, name TEXT NOT NULL, versions INTEGER NOT NULL, depends TEXT NOT NULL);

            """);
        foreach (var chunk in synthetic.Names.Chunk(500))
        {
            sql.Append("INSERT INTO bench_names VALUES ");
            sql.AppendJoin(",\n", chunk.Select(n => string.Create(CultureInfo.InvariantCulture,
                $"({n.Index}, '{n.Text}', {n.Versions}, '{n.DependsJson.Replace("'", "''", StringComparison.Ordinal)}')")));
            sql.Append(";\n");
        }

        // Every record gets its own name, version, depends, checksums and size, so the shards compress like real ones.
        sql.Append(CultureInfo.InvariantCulture, $"""
            INSERT INTO packages (channel_name, name, description, summary, channeldata, url, platforms)
            SELECT p.channel_name, b.name, p.description, p.summary, p.channeldata, p.url, p.platforms
            FROM packages p, bench_names b WHERE p.channel_name = '{channel}' AND p.name = 'seedpkg';
            WITH RECURSIVE k(v) AS (SELECT 0 UNION ALL SELECT v + 1 FROM k WHERE v < 19),
                 r(idx, name, v, depends, h) AS (SELECT b.idx, b.name, k.v, b.depends, hex(randomblob(16)) FROM bench_names b, k WHERE k.v < b.versions)
            INSERT INTO package_versions (id, channel_name, package_name, package_format, platform, version, build_string, build_number,
                size, version_order, download_count, filename, info, uploader_id, time_created, time_modified)
            SELECT upper(substr(r.h,1,8)||'-'||substr(r.h,9,4)||'-'||substr(r.h,13,4)||'-'||substr(r.h,17,4)||'-'||substr(r.h,21,12)),
                t.channel_name, r.name, t.package_format, t.platform, '1.' || r.v || '.0', t.build_string, t.build_number,
                t.size + r.idx * 37 + r.v, r.v, 0, r.name || '-1.' || r.v || '.0-0.tar.bz2',
                json_set(t.info, '$.name', r.name, '$.version', '1.' || r.v || '.0', '$.depends', json(r.depends),
                    '$.md5', lower(hex(randomblob(16))), '$.sha256', lower(hex(randomblob(32))), '$.size', t.size + r.idx * 37 + r.v),
                t.uploader_id, t.time_created, t.time_modified
            FROM package_versions t, r WHERE t.channel_name = '{channel}' AND t.filename = 'seedpkg-0.0.0-0.tar.bz2';
            UPDATE subdir_indexes SET generation = generation + 1,
                epoch = (SELECT upper(substr(h,1,8)||'-'||substr(h,9,4)||'-'||substr(h,13,4)||'-'||substr(h,17,4)||'-'||substr(h,21,12)) FROM (SELECT hex(randomblob(16)) AS h))
            WHERE channel_name = '{channel}' AND subdir = '{Subdir}';
            COMMIT;

            """);
        await RunSqliteAsync(sql.ToString());
    }

    private async Task RunSqliteAsync(string sql)
    {
        var psi = new ProcessStartInfo("sqlite3", [_o.Db!]) { RedirectStandardInput = true, RedirectStandardError = true };
        using var process = Process.Start(psi)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(sql);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 || (await error).Length > 0)
        {
            throw new InvalidOperationException($"sqlite3 seeding failed: {await error}");
        }
    }

    private async Task GenerateIndexesAsync(string channel)
    {
        using var content = new StringContent("""{"action": "generate_indexes"}""", Encoding.UTF8, "application/json");
        using var response = await _http.PutAsync($"api/channels/{channel}/actions", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"generate_indexes {channel}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static string IndexPath(string channel) => $"get/{channel}/{Subdir}/{ShardFiles.IndexFileName}";

    /// <summary>The shard's path under the server, resolved from the index's shards_base_url as a client resolves it.</summary>
    private string ShardPath(string channel, ShardIndex index, byte[] hash)
    {
        var subdirUrl = new Uri(new Uri(_o.Url + "/"), $"get/{channel}/{Subdir}/");
        var url = new Uri(new Uri(subdirUrl, index.ShardsBaseUrl), ShardFiles.ShardFileName(hash));
        return url.PathAndQuery.TrimStart('/');
    }

    private async Task<byte[]> GetBytesAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode}");
        }

        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Polls the shard index every 5 ms until <paramref name="done"/> holds for it.</summary>
    private async Task<ShardIndex> WaitIndexAsync(string channel, Func<ShardIndex, bool> done, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            using var response = await _http.GetAsync(IndexPath(channel));
            if (response.IsSuccessStatusCode)
            {
                var index = ShardIndexReader.Read(await response.Content.ReadAsByteArrayAsync());
                if (done(index))
                {
                    return index;
                }
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"{IndexPath(channel)} not as expected after {timeout}");
    }

    // ---------------------------------------------------------------- 2. bytes to solve one package

    private async Task SolveAsync(string channel, int size)
    {
        var start = Stopwatch.GetTimestamp();
        var indexBytes = await GetBytesAsync(IndexPath(channel));
        var index = ShardIndexReader.Read(indexBytes);
        long bytes = indexBytes.Length;
        var shards = 0;
        var records = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal) { SyntheticSubdir.Root };
        List<string> frontier = [SyntheticSubdir.Root];
        while (frontier.Count > 0)
        {
            // One round of concurrent fetches per level of the closure, as rattler does.
            var fetched = await Task.WhenAll(frontier.Where(index.Shards.ContainsKey)
                .Select(name => GetBytesAsync(ShardPath(channel, index, index.Shards[name]))));
            List<string> next = [];
            foreach (var body in fetched)
            {
                bytes += body.Length;
                shards++;
                var shard = ShardReader.Read(body);
                foreach (var record in shard.Packages.Values.Concat(shard.CondaPackages.Values))
                {
                    records++;
                    foreach (var name in DependencyNames(record).Where(seen.Add))
                    {
                        next.Add(name);
                    }
                }
            }

            frontier = next;
        }

        var elapsed = Ms(start, Stopwatch.GetTimestamp());
        var zst = await GetBytesAsync($"get/{channel}/{Subdir}/repodata.json.zst");
        Program.Note($"shards {size}: solving {SyntheticSubdir.Root} (12 direct dependencies) fetched the index and {shards} shards ({records} records) in {elapsed:0} ms");
        Program.Figure($"solve_shards_bytes_{size}", bytes, "bytes");
        Program.Figure($"solve_shards_count_{size}", shards, "count");
        Program.Figure($"solve_shards_fetch_{size}", elapsed, "ms");
        Program.Figure($"repodata_zst_bytes_{size}", zst.Length, "bytes");
        Program.Figure($"solve_shards_vs_zst_{size}", 100.0 * bytes / zst.Length, "%");
    }

    /// <summary>The package names a record's depends name: a match spec's name ends at its first space or operator.</summary>
    private static IEnumerable<string> DependencyNames(JsonObject record)
    {
        if (record["depends"] is not JsonArray depends)
        {
            yield break;
        }

        foreach (var spec in depends.Select(d => d?.GetValue<string>()).OfType<string>())
        {
            var end = spec.AsSpan().IndexOfAny(SpecNameEnd);
            yield return end < 0 ? spec : spec[..end];
        }
    }

    // ---------------------------------------------------------------- 3. upload → shard served

    private async Task ShardLatencyAsync(string channel, int size, string name)
    {
        var probes = Enumerable.Range(0, 6).Select(i =>
        {
            var version = $"99.0.{i}";
            var body = BuildPackage(name, version);
            return (File: FileName(name, version), Body: body, Sha: Convert.ToHexStringLower(SHA256.HashData(body)));
        }).ToList();
        List<double> afterCreated = [], endToEnd = [];
        foreach (var (probe, i) in probes.Select((p, i) => (p, i)))
        {
            await Task.Delay(i == 0 ? 0 : 500);
            var t = Stopwatch.GetTimestamp();
            var created = await UploadAsync(_http, channel, probe.File, probe.Body, probe.Sha);
            var served = await WaitShardServedAsync(channel, name, probe.File, TimeSpan.FromMinutes(10));
            // The first is a warm-up: the first build after the full index.
            if (i == 0)
            {
                Program.Note($"shards {size}: warm-up upload served in its shard {Ms(created, served):0} ms after its 201");
                continue;
            }

            afterCreated.Add(Ms(created, served));
            endToEnd.Add(Ms(t, served));
        }

        Program.Note(string.Create(CultureInfo.InvariantCulture,
            $"shards {size}: shard served after 201 (ms): {string.Join(' ', afterCreated.Select(s => s.ToString("0", CultureInfo.InvariantCulture)))}"));
        afterCreated.Sort();
        endToEnd.Sort();
        Program.Figure($"shard_visible_{size}", afterCreated[afterCreated.Count / 2], "ms");
        Program.Figure($"upload_start_to_shard_visible_{size}", endToEnd[endToEnd.Count / 2], "ms");
    }

    /// <summary>Polls the index every 5 ms; when the name's shard changes, reads the shard and looks for the file.</summary>
    private async Task<long> WaitShardServedAsync(string channel, string name, string file, TimeSpan timeout)
    {
        string? checkedHash = null;
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            using (var response = await _http.GetAsync(IndexPath(channel)))
            {
                var index = ShardIndexReader.Read(await response.Content.ReadAsByteArrayAsync());
                if (index.Shards.TryGetValue(name, out var hash) && Convert.ToHexStringLower(hash) != checkedHash)
                {
                    checkedHash = Convert.ToHexStringLower(hash);
                    var shard = ShardReader.Read(await GetBytesAsync(ShardPath(channel, index, hash)));
                    if (shard.Packages.ContainsKey(file) || shard.CondaPackages.ContainsKey(file))
                    {
                        return Stopwatch.GetTimestamp();
                    }
                }
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"{file} not in the shard of {name} after {timeout}");
    }

    // ---------------------------------------------------------------- 4. shard requests/s

    private async Task ShardRequestsAsync(int size, List<string> paths)
    {
        string? script = null;
        if (Wrk.Available)
        {
            // wrk's Lua: each request takes the next shard URL, with the API key (the read-permission cache's path).
            script = Path.Combine(Path.GetTempPath(), $"quetz-bench-shards-{_o.Tag}-{size}.lua");
            var lua = new StringBuilder("local paths = {\n");
            foreach (var path in paths)
            {
                lua.Append("  \"/").Append(path).Append("\",\n");
            }

            lua.Append(CultureInfo.InvariantCulture, $$"""
                }
                local i = 0
                wrk.headers["X-API-Key"] = "{{_o.Key}}"
                request = function()
                  i = i % #paths + 1
                  return wrk.format("GET", paths[i])
                end

                """);
            await File.WriteAllTextAsync(script, lua.ToString());
        }

        foreach (var connections in new[] { 1, 16, 64 })
        {
            var (rps, bytes) = script is not null
                ? await Wrk.RunAsync(_o.Url + "/" + paths[0], connections, _o.Seconds, false, script)
                : await HttpLoopAsync([.. paths], connections, false);
            Program.Note(string.Create(CultureInfo.InvariantCulture, $"shards {size} c={connections}: {rps:0.0} req/s over {paths.Count} shard URLs, {bytes / 1024.0:0.0} KB/response"));
            Program.Figure($"shard_requests_{size}_c{connections}", rps, "req/s");
        }
    }
}
