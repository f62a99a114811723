using System.Text.Json;
using Quetz.Abstractions.Storage;
using Quetz.Conda.Repodata;

namespace Quetz.Host.Indexing;

/// <summary>
/// What a subdir publishes besides its hot index: <c>repodata.json.bz2</c> (bzip2 takes seconds on a large subdir)
/// and the subdir's <c>index.html</c>. Built from the published repodata.json itself, so they always describe what
/// clients see, and skipped when already made from the current one.
/// </summary>
internal sealed class SubdirExtrasPublisher(IPackageStore store, TimeProvider time)
{
    public async Task PublishAsync(string channel, string subdir, CancellationToken ct)
    {
        var json = await store.GetInfoAsync(channel, $"{subdir}/repodata.json", ct);
        var bz2 = await store.GetInfoAsync(channel, $"{subdir}/repodata.json.bz2", ct);
        if (json is null || (bz2 is not null && bz2.LastModified >= json.LastModified))
        {
            return;
        }

        byte[] content;
        await using (var stream = await store.OpenReadAsync(channel, $"{subdir}/repodata.json", ct))
        {
            if (stream is null)
            {
                return;
            }

            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }

        byte[] page;
        using (var document = JsonDocument.Parse(content))
        {
            page = IndexPages.Subdir(channel, subdir, Files(document.RootElement), time.GetUtcNow());
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
