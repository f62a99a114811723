using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quetz.Abstractions.Packages;
using Quetz.Abstractions.Storage;
using Quetz.Conda.Archives;

namespace Quetz.Plugins.RepodataPatching;

/// <summary>
/// Finds the instructions a subdir is patched with: those of the newest file of the channel's patches package. When
/// that file's instructions are unusable (broken archive, invalid JSON, wrong types, a newer instruction version) the
/// channel keeps being indexed: the newest older file that is usable is applied instead, so packages revoked or
/// removed before stay so, and the error is logged for the operator; with no usable file at all the subdir is
/// published unpatched.
/// </summary>
internal sealed partial class PatchInstructionsSource(
    IPackageCatalog catalog, IPackageStore store, PatchInstructionsCache cache, IOptions<RepodataPatchingOptions> options,
    ILogger<PatchInstructionsSource> logger)
{
    /// <summary>How many patches files are tried, newest first, before giving up on a subdir's patches.</summary>
    private const int MaxFilesTried = 10;

    /// <summary>The instructions for <paramref name="subdir"/>, or null when the channel has no patches package.</summary>
    public async Task<PatchInstructions?> FindAsync(string channel, string subdir, CancellationToken cancellationToken)
    {
        var files = (await catalog.GetVersionsAsync(channel, PatchesPackage.NameFor(channel), cancellationToken))
            .Where(v => v.Platform == PatchesPackage.Platform)
            .Take(MaxFilesTried)
            .ToList();
        if (files.Count == 0)
        {
            return null;
        }

        foreach (var file in files)
        {
            var loaded = await cache.GetOrLoadAsync(channel, subdir, file.Sha256, () => LoadAsync(file, subdir, cancellationToken));
            if (loaded.Instructions is { } instructions)
            {
                if (file != files[0])
                {
                    LogFallback(channel, subdir, files[0].Filename, file.Filename);
                }

                return instructions;
            }
        }

        LogUnpatched(channel, subdir);
        return PatchInstructions.Empty;
    }

    private async Task<LoadedInstructions> LoadAsync(PackageVersionInfo file, string subdir, CancellationToken cancellationToken)
    {
        try
        {
            var json = await ReadInstructionsAsync(file, subdir, cancellationToken);
            return json is null
                ? new LoadedInstructions(PatchInstructions.Empty, null, 0)
                : new LoadedInstructions(PatchInstructions.Parse(json), null, json.Length);
        }
        catch (Exception e) when (e is InvalidPatchInstructionsException or InvalidPackageException)
        {
            LogUnusable(file.Channel, file.Filename, PatchesPackage.InstructionsPath(subdir), e.Message);
            return new LoadedInstructions(null, e.Message, 0);
        }
    }

    private async Task<byte[]?> ReadInstructionsAsync(PackageVersionInfo file, string subdir, CancellationToken cancellationToken)
    {
        var format = file.Filename.EndsWith(".conda", StringComparison.Ordinal) ? PackageFormat.Conda : PackageFormat.TarBz2;
        var path = PatchesPackage.InstructionsPath(subdir);
        var maxBytes = options.Value.MaxInstructionsBytes;
        await using var stream = await store.OpenReadAsync(file.Channel, file.Path, cancellationToken)
            ?? throw new InvalidPatchInstructionsException("the file is missing from the package store");
        if (format == PackageFormat.TarBz2 || stream.CanSeek)
        {
            return await PackageReader.ReadMemberAsync(stream, format, path, maxBytes, cancellationToken);
        }

        // A .conda is a zip, read from its end: a store without seeking hands it over through a temporary file.
        await using var copy = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await stream.CopyToAsync(copy, cancellationToken);
        copy.Position = 0;
        return await PackageReader.ReadMemberAsync(copy, format, path, maxBytes, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Repodata patches {Channel}/noarch/{Filename}: {Member} cannot be applied: {Reason}")]
    private partial void LogUnusable(string channel, string filename, string member, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Repodata patches of {Channel}/{Subdir}: the newest file {Newest} is unusable, applying {Used} instead")]
    private partial void LogFallback(string channel, string subdir, string newest, string used);

    [LoggerMessage(Level = LogLevel.Error, Message = "Repodata patches of {Channel}/{Subdir}: no patches file is usable, publishing the subdir unpatched")]
    private partial void LogUnpatched(string channel, string subdir);
}
