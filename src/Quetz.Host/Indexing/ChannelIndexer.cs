using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Quetz.Abstractions.Storage;
using Quetz.Conda.Repodata;
using Quetz.Host.Data;

namespace Quetz.Host.Indexing;

/// <summary>Publishes a channel's <c>channeldata.json</c> (conda-index's layout, with <c>.bz2</c> and <c>.gz</c>) and its index page.</summary>
internal sealed class ChannelIndexer(QuetzDbContext db, IPackageStore store, TimeProvider time)
{
    public async Task IndexAsync(string channel, CancellationToken ct)
    {
        var document = new ChanneldataDocument();
        document.Subdirs.Add("noarch");
        foreach (var subdir in await db.SubdirIndexes.Where(i => i.ChannelName == channel).Select(i => i.Subdir).ToListAsync(ct))
        {
            document.Subdirs.Add(subdir);
        }

        var packages = await db.Packages.AsNoTracking().Where(p => p.ChannelName == channel)
            .Select(p => new
            {
                p.Name,
                p.ChannelData,
                p.Summary,
                Version = db.PackageVersions.Where(v => v.ChannelName == p.ChannelName && v.PackageName == p.Name && v.VersionOrder == 0)
                    .Select(v => v.Version).FirstOrDefault(),
            })
            .ToListAsync(ct);
        foreach (var package in packages)
        {
            document.Packages[package.Name] = package.ChannelData is { } data ? JsonNode.Parse(data)!.AsObject() : [];
        }

        var json = ChanneldataWriter.Serialize(document);
        await PutAsync(channel, "channeldata.json", json, ct);
        await PutCompressedAsync(channel, "channeldata.json.gz", json, RepodataCompression.Gzip, ct);
        await PutCompressedAsync(channel, "channeldata.json.bz2", json, RepodataCompression.Bzip2, ct);
        var page = IndexPages.Channel(channel, document.Subdirs,
            packages.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => (p.Name, p.Version, p.Summary)), time.GetUtcNow());
        await PutAsync(channel, "index.html", page, ct);
    }

    private async Task PutAsync(string channel, string path, byte[] content, CancellationToken ct)
    {
        await using var stream = new MemoryStream(content);
        await store.PutAsync(channel, path, stream, WriteMode.Overwrite, ct);
    }

    private async Task PutCompressedAsync(string channel, string path, byte[] content, Func<Stream, Stream> compressor, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        await using (var compressed = compressor(buffer))
        {
            await compressed.WriteAsync(content, ct);
        }

        await PutAsync(channel, path, buffer.ToArray(), ct);
    }
}
