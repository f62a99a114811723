using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Quetz.Abstractions.Storage;
using Quetz.Host.Data;
using Quetz.Host.Jobs;
using Quetz.Host.Packages;

namespace Quetz.Host.Indexing;

/// <summary>
/// <c>validate_packages</c>: drops version rows whose file is gone from the store, and rows and files whose stored
/// size differs from the recorded one (a damaged upload), then rebuilds the indexes.
/// </summary>
internal sealed class ValidatePackagesAction(QuetzDbContext db, IPackageStore store, PackageVersionWriter writer, GenerateIndexesAction indexes,
    ILogger<ValidatePackagesAction> logger) : IChannelActionHandler
{
    public string Name => "validate_packages";

    public async Task RunAsync(Channel channel, Job job, CancellationToken cancellationToken)
    {
        var versions = await db.PackageVersions.Where(v => v.ChannelName == channel.Name).ToListAsync(cancellationToken);
        foreach (var version in versions)
        {
            var path = $"{version.Platform}/{version.Filename}";
            var stored = await store.GetInfoAsync(channel.Name, path, cancellationToken);
            var recorded = JsonNode.Parse(version.Info)?["size"]?.GetValue<long>() ?? version.Size;
            if (stored is not null && stored.Size == recorded)
            {
                continue;
            }

            logger.LogWarning("validate_packages {Channel}: removing {Path} ({Reason})", channel.Name, path,
                stored is null ? "file missing" : $"size {stored.Size}, recorded {recorded}");
            await writer.DeleteAsync(version, cancellationToken);
            if (stored is not null)
            {
                await store.DeleteAsync(channel.Name, path, cancellationToken);
            }
        }

        await indexes.RunAsync(channel, job, cancellationToken);
    }
}
