using Microsoft.EntityFrameworkCore;
using Quetz.Abstractions.Storage;
using Quetz.Host.Data;
using Quetz.Host.Http;
using Quetz.Host.Jobs;
using Quetz.Host.Serving;
using Quetz.Host.Upload;

namespace Quetz.Host.Indexing;

/// <summary>
/// <c>reindex</c>: imports every package file in the channel's store that has no version row — <c>.conda</c> files
/// too, which quetz skips (quetz#703) — crediting the job's owner, then rebuilds the indexes. Files that are not
/// valid packages are left alone and logged.
/// </summary>
internal sealed class ReindexAction(QuetzDbContext db, IPackageStore store, PackageUploader uploader, GenerateIndexesAction indexes,
    ILogger<ReindexAction> logger) : IChannelActionHandler
{
    public string Name => "reindex";

    public async Task RunAsync(Channel channel, Job job, CancellationToken cancellationToken)
    {
        var known = (await db.PackageVersions.Where(v => v.ChannelName == channel.Name).Select(v => v.Platform + "/" + v.Filename)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var unknown = new List<string>();
        await foreach (var file in store.ListAsync(channel.Name, "", cancellationToken))
        {
            if (PackagePath.IsPackage(file.Path) && !known.Contains(file.Path))
            {
                unknown.Add(file.Path);
            }
        }

        foreach (var path in unknown)
        {
            await ImportAsync(channel, path, job.OwnerId, cancellationToken);
        }

        await indexes.RunAsync(channel, job, cancellationToken);
    }

    private async Task ImportAsync(Channel channel, string path, Guid owner, CancellationToken ct)
    {
        var (subdir, fileName) = PackagePath.Split(path);
        await using var content = await store.OpenReadAsync(channel.Name, path, ct);
        if (content is null)
        {
            return;
        }

        var received = await UploadReceiver.ReceiveAsync(fileName, content, ct);
        try
        {
            await uploader.UploadAsync(channel, received,
                new UploadOptions(false, null, name => $"{subdir}/{name} does not match its info/index.json", AlreadyStored: true), owner, ct);
        }
        catch (ApiException e)
        {
            logger.LogWarning("reindex {Channel}: skipped {Path}: {Reason}", channel.Name, path, e.Message);
            db.ChangeTracker.Clear();
        }
        finally
        {
            UploadReceiver.Discard([received]);
        }
    }
}
