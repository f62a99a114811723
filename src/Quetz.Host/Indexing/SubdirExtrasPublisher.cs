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
/// What a subdir publishes besides its hot index: <c>repodata.json.bz2</c> (bzip2 takes seconds on a large subdir),
/// the files of transformers that only derive files (<c>current_repodata.json</c>, <c>run_exports.json</c>) and the
/// subdir's <c>index.html</c>. Built from the published repodata.json itself, so they always describe what clients
/// see, and skipped when already made from the current one unless forced (a post-upload hook changed their inputs).
/// </summary>
internal sealed class SubdirExtrasPublisher(IPackageStore store, IEnumerable<IRepodataTransformer> transformers, TimeProvider time)
{
    private readonly IRepodataTransformer[] _fileTransformers = [.. transformers.Where(t => !t.ChangesRecords).OrderBy(t => t.Order)];

    public async Task PublishAsync(string channel, string subdir, bool force, CancellationToken ct)
    {
        // A repodata.json published while a pass runs may have had its own pass skipped (the bz2 looked newer) or
        // finished first and been overwritten by this older one: repeat until what was described is still current.
        var builtFrom = await PublishOnceAsync(channel, subdir, force, ct);
        while (builtFrom is not null
            && (await store.GetInfoAsync(channel, $"{subdir}/repodata.json", ct))?.ETag is { } current && current != builtFrom)
        {
            builtFrom = await PublishOnceAsync(channel, subdir, force: true, ct);
        }
    }

    /// <summary>One pass; returns the ETag of the repodata.json it was built from, or null when it did nothing.</summary>
    private async Task<string?> PublishOnceAsync(string channel, string subdir, bool force, CancellationToken ct)
    {
        var bz2 = await store.GetInfoAsync(channel, $"{subdir}/repodata.json.bz2", ct);
        var opened = await store.OpenWithInfoAsync(channel, $"{subdir}/repodata.json", ct);
        if (opened is null)
        {
            return null;
        }

        var json = opened.Info;
        byte[] content;
        await using (var stream = opened.Content)
        {
            if (!force && bz2 is not null && bz2.LastModified >= json.LastModified)
            {
                return null;
            }

            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
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

        using var compressed = new MemoryStream();
        await using (var bzip2 = RepodataCompression.Bzip2(compressed))
        {
            await bzip2.WriteAsync(content, ct);
        }

        compressed.Position = 0;
        await store.PutAsync(channel, $"{subdir}/repodata.json.bz2", compressed, WriteMode.Overwrite, ct);
        return json.ETag;
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
