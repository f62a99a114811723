using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Quetz.Abstractions.Packages;
using Quetz.Abstractions.Storage;
using Quetz.Conda.Archives;
using Quetz.Conda.Repodata;
using Quetz.Host.Data;
using Quetz.Host.Http;
using Quetz.Host.Packages;

namespace Quetz.Host.Upload;

/// <summary>
/// Takes a received package file into a channel: validates the archive and its name, checks quota and duplicates,
/// stores the file atomically and commits the package, version and channeldata in one transaction. A failure at
/// any step leaves no file and no row behind.
/// </summary>
internal sealed partial class PackageUploader(
    QuetzDbContext db, IPackageStore store, PackageVersionWriter writer, IEnumerable<INewPackageValidator> validators, TimeProvider time)
{
    public async Task<PackageVersion> UploadAsync(Channel channel, ReceivedFile file, UploadOptions options, Guid uploader, CancellationToken ct)
    {
        var name = ParseName(file.FileName);
        PackageMetadata metadata;
        await using (var archive = new FileStream(file.TemporaryPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous))
        {
            try
            {
                metadata = await PackageReader.ReadAsync(archive, name.Format, ArchiveLimits.Default, ct);
            }
            catch (InvalidPackageException e)
            {
                throw new ApiException(StatusCodes.Status400BadRequest, e.Message);
            }
        }

        if (options.RequiredPackage is { } required && (metadata.Name != required || name.Name != required))
        {
            throw new ApiException(StatusCodes.Status400BadRequest,
                $"requested package endpoint '{required}' does not match the uploaded package name '{metadata.Name}'");
        }

        if (metadata.Name != name.Name || metadata.Version != name.Version || metadata.Build != name.Build)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, options.NameMismatchMessage(file.FileName));
        }

        var subdir = metadata.Subdir;
        var path = $"{subdir}/{file.FileName}";
        var existing = await db.PackageVersions.AsNoTracking()
            .AnyAsync(v => v.ChannelName == channel.Name && v.Platform == subdir && v.Filename == file.FileName, ct);
        if (existing && !options.Force)
        {
            throw ApiException.Conflict("Duplicate");
        }

        await RequireQuotaAsync(channel, file.Size, ct);
        if (!PackageNamePattern().IsMatch(metadata.Name))
        {
            throw ApiException.Unprocessable($"Validation Error for package: {channel.Name}/{file.FileName}: String should match pattern '{PackageNamePattern()}'");
        }

        await ValidateNewPackageAsync(channel.Name, metadata, ct);
        if (!options.AlreadyStored)
        {
            await StoreAsync(channel.Name, path, file, options.Force, ct);
        }
        else if (await store.GetInfoAsync(channel.Name, path, ct) is null)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, $"{file.FileName} is stored outside its subdir {subdir}");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var version = new PackageVersion
        {
            ChannelName = channel.Name,
            PackageName = metadata.Name,
            PackageFormat = name.Format == PackageFormat.Conda ? "conda" : "tarbz2",
            Platform = subdir,
            Version = metadata.Version,
            BuildString = metadata.Build,
            BuildNumber = metadata.BuildNumber,
            Size = file.Size,
            Filename = file.FileName,
            Info = RecordJson(metadata.Index, file),
            UploaderId = uploader,
            TimeCreated = now,
            TimeModified = now,
        };
        try
        {
            await CommitAsync(channel, metadata, version, uploader, replace: existing, ct);
            return version;
        }
        catch when (!existing && !options.AlreadyStored)
        {
            await store.DeleteAsync(channel.Name, path, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Creates the package when it is new and commits the version. Two uploads of a new package's first files race
    /// to create it; the loser finds it created and commits again as an upload to an existing package.
    /// </summary>
    private async Task CommitAsync(Channel channel, PackageMetadata metadata, PackageVersion version, Guid uploader, bool replace, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var package = await db.Packages.FirstOrDefaultAsync(p => p.ChannelName == channel.Name && p.Name == metadata.Name, ct);
            var newPackage = package is null
                ? new Package
                {
                    ChannelName = channel.Name,
                    Name = metadata.Name,
                    Summary = metadata.About?["summary"]?.ToString() ?? "n/a",
                    Description = metadata.About?["description"]?.ToString() ?? "n/a",
                }
                : null;
            MergeChanneldata(package ?? newPackage!, metadata);
            try
            {
                await writer.AddAsync(version, newPackage, uploader, replace, ct);
                return;
            }
            catch (DbUpdateException) when (newPackage is not null && attempt == 0)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The plugins' say on a package this upload would create, before anything is stored.</summary>
    private async Task ValidateNewPackageAsync(string channel, PackageMetadata metadata, CancellationToken ct)
    {
        if (!validators.Any() || await db.Packages.AnyAsync(p => p.ChannelName == channel && p.Name == metadata.Name, ct))
        {
            return;
        }

        foreach (var validator in validators)
        {
            await validator.ValidateAsync(new NewPackage(channel, metadata.Name, metadata), ct);
        }
    }

    private async Task StoreAsync(string channel, string path, ReceivedFile file, bool force, CancellationToken ct)
    {
        await using var content = File.OpenRead(file.TemporaryPath);
        var written = await store.PutAsync(channel, path, content, force ? WriteMode.Overwrite : WriteMode.IfNotExists, ct);
        if (written == StoreWriteResult.AlreadyExists)
        {
            throw ApiException.Conflict($"Duplicate {file.FileName}");
        }
    }

    private static PackageFileName ParseName(string fileName) =>
        PackageFileName.TryParse(fileName, out var name)
            ? name
            : throw new ApiException(StatusCodes.Status400BadRequest, $"package file name has wrong format {fileName}");

    private async Task RequireQuotaAsync(Channel channel, long size, CancellationToken ct)
    {
        if (channel.SizeLimit is not { } limit)
        {
            return;
        }

        var used = await db.Channels.Where(c => c.Name == channel.Name).Select(c => c.Size).FirstAsync(ct);
        if (used + size > limit)
        {
            throw ApiException.Unprocessable($"{channel.Name} is above quota of {limit} bytes");
        }
    }

    /// <summary>The stored record: index.json with the archive's size, md5 and sha256, keys sorted as quetz stores them.</summary>
    private static string RecordJson(JsonObject index, ReceivedFile file)
    {
        var record = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, value) in index)
        {
            record[key] = value?.DeepClone();
        }

        record["size"] = file.Size;
        record["md5"] = file.Md5;
        record["sha256"] = file.Sha256;
        var json = new JsonObject();
        foreach (var (key, value) in record)
        {
            json[key] = value;
        }

        return json.ToJsonString();
    }

    private static void MergeChanneldata(Package package, PackageMetadata metadata)
    {
        var incoming = ChanneldataEntry.FromPackage(metadata.Index, metadata.About, metadata.RunExports, metadata.Paths, metadata.Files);
        var existing = package.ChannelData is { } data ? JsonNode.Parse(data)?.AsObject() : null;
        var merged = ChanneldataEntry.Merge(existing, incoming);
        package.ChannelData = merged.ToJsonString();
        package.Url = merged["home"]?.ToString();
        if (merged["subdirs"] is JsonArray subdirs)
        {
            package.Platforms = string.Join(':', subdirs.Select(s => s?.ToString()));
        }
    }

    [GeneratedRegex(@"^[a-z0-9-_\.]*$")]
    private static partial Regex PackageNamePattern();
}
