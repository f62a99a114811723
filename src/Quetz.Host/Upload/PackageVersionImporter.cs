using Quetz.Abstractions.Http;
using Quetz.Abstractions.Packages;
using Quetz.Host.Channels;
using Quetz.Host.Data;
using Quetz.Host.Http;
using Quetz.Host.Packages;

namespace Quetz.Host.Upload;

/// <summary>Adds a file for a plugin exactly as an upload would, with the same checks and clean-up.</summary>
internal sealed class PackageVersionImporter(QuetzDbContext db, PackageUploader uploader) : IPackageVersionImporter
{
    public async Task<PackageVersionInfo> ImportAsync(string channel, string filename, Stream content, Guid uploaderId, bool force, CancellationToken cancellationToken)
    {
        var file = await UploadReceiver.ReceiveAsync(filename, content, cancellationToken);
        try
        {
            var found = await ChannelLookup.GetAsync(db, channel, cancellationToken);
            var version = await uploader.UploadAsync(found, file,
                new UploadOptions(force, null, n => $"package file name and info/index.json do not match: {n}"), uploaderId, cancellationToken);
            return PackageVersionInfos.From(version);
        }
        catch (ApiException e)
        {
            throw new QuetzHttpException(e.Status, e.Detail as string ?? e.Message);
        }
        finally
        {
            UploadReceiver.Discard([file]);
        }
    }
}
