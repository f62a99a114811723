using Microsoft.Extensions.Logging;
using Quetz.Abstractions.Http;
using Quetz.Abstractions.Packages;
using Quetz.Abstractions.Storage;
using Quetz.Conda.Archives;

namespace Quetz.Plugins.Transmutation;

/// <summary>
/// Turns one stored <c>.tar.bz2</c> into a <c>.conda</c> and adds it through the host's importer, which validates,
/// stores and records it with its own size and hashes, credited to the original uploader, and re-indexes the subdir.
/// The archive streams from the store through the converter into a temporary file: a package of any size never
/// sits in memory, and a broken one fails before anything is stored or recorded.
/// </summary>
internal sealed class CondaConverter(
    IPackageStore store, IPackageCatalog catalog, IPackageVersionImporter importer, ILogger<CondaConverter> logger)
{
    public async Task ConvertAsync(PackageVersionInfo version, CancellationToken cancellationToken)
    {
        if (!version.Filename.EndsWith(PackageFileName.TarBz2Extension, StringComparison.Ordinal))
        {
            return;
        }

        var baseName = version.Filename[..^PackageFileName.TarBz2Extension.Length];
        var condaName = baseName + PackageFileName.CondaExtension;
        if (await catalog.GetVersionAsync(version.Channel, version.Platform, condaName, cancellationToken) is not null)
        {
            logger.LogDebug("{Channel}/{Platform}/{File} exists; nothing to convert", version.Channel, version.Platform, condaName);
            return;
        }

        var uploader = version.UploaderId
            ?? throw new InvalidOperationException($"{version.Channel}/{version.Path} has no recorded uploader to credit the .conda to");
        var tempPath = Path.Combine(Path.GetTempPath(), $"quetz-transmutation-{Guid.NewGuid():N}.conda");
        await using var converted = new FileStream(tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        await using (var source = await store.OpenReadAsync(version.Channel, version.Path, cancellationToken)
            ?? throw new FileNotFoundException($"{version.Channel}/{version.Path} is not in the package store"))
        {
            await PackageWriter.ConvertTarBz2ToCondaAsync(source, converted, baseName, cancellationToken);
        }

        converted.Position = 0;
        try
        {
            await importer.ImportAsync(version.Channel, condaName, converted, uploader, force: false, cancellationToken);
            logger.LogInformation("Converted {Channel}/{Path} to {Conda}", version.Channel, version.Path, condaName);
        }
        catch (QuetzHttpException e) when (e.Status == 409)
        {
            // Another task or host added the same .conda meanwhile: the work is done.
            logger.LogDebug("{Channel}/{Platform}/{File} was added meanwhile", version.Channel, version.Platform, condaName);
        }
    }
}
