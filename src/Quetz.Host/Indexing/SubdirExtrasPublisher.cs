using System.Security.Cryptography;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quetz.Abstractions.Indexing;
using Quetz.Abstractions.Storage;
using Quetz.Conda.Repodata;
using Quetz.Host.Storage;

namespace Quetz.Host.Indexing;

/// <summary>
/// What a subdir publishes besides its hot index: <c>repodata.json.bz2</c> (bzip2 takes seconds on a large subdir), a
/// smaller <c>repodata.json.zst</c> of the same JSON (under the index lock, and only if no newer build came first),
/// the files of transformers that only derive files (<c>current_repodata.json</c>, <c>run_exports.json</c>) and the
/// subdir's <c>index.html</c>. Built from the published repodata.json itself, so they always describe what clients
/// see, and skipped when already made from the current one unless forced (a post-upload hook changed their inputs).
/// </summary>
internal sealed class SubdirExtrasPublisher(
    IPackageStore store, IEnumerable<IRepodataTransformer> transformers, IndexLock locks, SubdirExtrasRuns runs, TimeProvider time)
{
    /// <summary>
    /// The hot path publishes <c>repodata.json.zst</c> at level 3; this pass replaces it with a smaller one of the same
    /// JSON, once per burst of uploads. On 100k records (35 MiB, README's performance section) levels up to 15 gain
    /// nothing over 3 (the hashes do not compress), 16 is 13 % smaller for about 9 s of a background worker, and 19 only
    /// 3 % more for three times that.
    /// </summary>
    private const int DeferredZstdLevel = 16;

    private readonly IRepodataTransformer[] _fileTransformers = [.. transformers.Where(t => !t.ChangesRecords).OrderBy(t => t.Order)];

    /// <summary>How often a run starts over because a build replaced repodata.json while it ran.</summary>
    private const int MaxRounds = 5;

    /// <summary>
    /// Publishes the subdir's deferred files, or, while a pass for it runs on this host, has that pass go once more.
    /// With <paramref name="force"/> the derived files are made again even from an unchanged repodata.json.
    /// </summary>
    public Task PublishAsync(string channel, string subdir, bool force, CancellationToken ct) =>
        runs.RunAsync(channel, subdir, force, f => PublishRoundsAsync(channel, subdir, f, ct));

    /// <remarks>
    /// A build may replace repodata.json while this runs, and that build's own run may then find the files made here
    /// newer than its JSON and skip; so this starts over until the JSON it read is still the published one.
    /// </remarks>
    private async Task PublishRoundsAsync(string channel, string subdir, bool force, CancellationToken ct)
    {
        for (var round = 0; round < MaxRounds; round++)
        {
            var madeFrom = await PublishOnceAsync(channel, subdir, force, ct);
            if (madeFrom is null || (await store.GetInfoAsync(channel, $"{subdir}/repodata.json", ct))?.ETag is not { } current || current == madeFrom)
            {
                return;
            }

            force = true;
        }
    }

    /// <summary>Publishes from the current repodata.json and returns its ETag, or null when there was nothing to do.</summary>
    private async Task<string?> PublishOnceAsync(string channel, string subdir, bool force, CancellationToken ct)
    {
        var json = await store.GetInfoAsync(channel, $"{subdir}/repodata.json", ct);
        var bz2 = await store.GetInfoAsync(channel, $"{subdir}/repodata.json.bz2", ct);
        var siblingsCurrent = bz2 is not null && bz2.LastModified >= json?.LastModified;
        if (json is null || (!force && siblingsCurrent))
        {
            return null;
        }

        byte[] content;
        string madeFrom;
        var opened = await store.OpenWithInfoAsync(channel, $"{subdir}/repodata.json", ct);
        if (opened is null)
        {
            return null;
        }

        await using (opened.Content)
        {
            using var buffer = new MemoryStream();
            await opened.Content.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
            madeFrom = opened.Info.ETag;
        }

        byte[] page;
        using (var document = JsonDocument.Parse(content))
        {
            var derived = await DeriveFilesAsync(channel, subdir, document.RootElement, ct);
            page = IndexPages.Subdir(channel, subdir, Files(document.RootElement).Concat(derived), time.GetUtcNow());
        }

        await using (var html = new MemoryStream(page))
        {
            await store.PutAsync(channel, $"{subdir}/index.html", html, WriteMode.Overwrite, ct);
        }

        if (siblingsCurrent)
        {
            // Forced only for the derived files (a post-upload hook's data changed): the JSON, so its siblings, did not.
            return madeFrom;
        }

        var siblings = await Task.WhenAll(
            Task.Run(() => Compress(content, RepodataCompression.Bzip2), ct),
            Task.Run(() => Compress(content, o => RepodataCompression.Zstd(o, DeferredZstdLevel)), ct));
        await using (await locks.AcquireAsync(channel, subdir, ct))
        {
            // A build that published a newer repodata.json meanwhile has its own siblings: these would describe the old one.
            if ((await store.GetInfoAsync(channel, $"{subdir}/repodata.json", ct))?.ETag != madeFrom)
            {
                return madeFrom;
            }

            await using (var bz2Content = siblings[0].AsStream())
            {
                await store.PutAsync(channel, $"{subdir}/repodata.json.bz2", bz2Content, WriteMode.Overwrite, ct);
            }

            await using var zstContent = siblings[1].AsStream();
            await store.PutAsync(channel, $"{subdir}/repodata.json.zst", zstContent, WriteMode.Overwrite, ct);
        }

        return madeFrom;
    }

    private static ReadOnlyMemory<byte> Compress(byte[] content, Func<Stream, Stream> compressor)
    {
        var output = new MemoryStream();
        using (var compressed = compressor(output))
        {
            compressed.Write(content);
        }

        return output.GetBuffer().AsMemory(0, (int)output.Length);
    }

    /// <summary>Runs the file-deriving transformers on the published records and stores what they add.</summary>
    private async Task<List<IndexedFile>> DeriveFilesAsync(string channel, string subdir, JsonElement published, CancellationToken ct)
    {
        if (_fileTransformers.Length == 0)
        {
            return [];
        }

        var removed = published.TryGetProperty("removed", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Select(e => e.GetString()).OfType<string>().ToList()
            : [];
        var extra = new JsonObject();
        foreach (var property in published.EnumerateObject().Where(p => !RepodataDocument.StandardKeys.Contains(p.Name)))
        {
            extra[property.Name] = JsonNode.Parse(property.Value.GetRawText());
        }

        var repodata = new IndexedRepodata(channel, subdir, RawRecords(published, "packages"), RawRecords(published, "packages.conda"), removed, extra);
        await repodata.TransformAsync(_fileTransformers, ct);
        List<IndexedFile> files = [];
        foreach (var (name, bytes) in repodata.Files)
        {
            await using (var stream = bytes.AsStream())
            {
                await store.PutAsync(channel, $"{subdir}/{name}", stream, WriteMode.Overwrite, ct);
            }

            files.Add(new IndexedFile(name, bytes.Length, time.GetUtcNow().UtcDateTime, Convert.ToHexStringLower(SHA256.HashData(bytes.Span)), Md5(bytes.Span)));
        }

        foreach (var name in repodata.WithdrawnFiles)
        {
            await store.DeleteAsync(channel, $"{subdir}/{name}", ct);
        }

        return files;
    }

    /// <summary>The index page lists MD5 next to SHA-256, as conda-index does; it identifies the file, it protects nothing.</summary>
#pragma warning disable CA5351
    private static string Md5(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(MD5.HashData(content));
#pragma warning restore CA5351

    private static Dictionary<string, ReadOnlyMemory<byte>> RawRecords(JsonElement repodata, string section)
    {
        var records = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        if (repodata.TryGetProperty(section, out var entries) && entries.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in entries.EnumerateObject())
            {
                records[entry.Name] = JsonMarshal.GetRawUtf8Value(entry.Value).ToArray();
            }
        }

        return records;
    }

    /// <summary>
    /// The files a published repodata.json lists, read from a pooled JsonDocument: a node tree of a 100k-record
    /// subdir would take gigabytes.
    /// </summary>
    private static IEnumerable<IndexedFile> Files(JsonElement repodata)
    {
        foreach (var key in new[] { "packages", "packages.conda" })
        {
            if (!repodata.TryGetProperty(key, out var records) || records.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var record in records.EnumerateObject())
            {
                yield return new IndexedFile(record.Name, Number(record.Value, "size"),
                    DateTimeOffset.FromUnixTimeSeconds(Number(record.Value, "time_modified")).UtcDateTime,
                    Text(record.Value, "sha256"), Text(record.Value, "md5"));
            }
        }
    }

    private static long Number(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.TryGetInt64(out var number) ? number : 0;

    private static string Text(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}

/// <summary>What the subdir's index page shows of a package file.</summary>
internal sealed record IndexedFile(string Filename, long Size, DateTime TimeModified, string Sha256, string Md5);
