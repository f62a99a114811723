using Quetz.Conda.Archives;
using Quetz.Host.Channels;
using Quetz.Host.Data;
using Quetz.Host.Http;
using Quetz.Host.Identity;

namespace Quetz.Host.Upload;

/// <summary>
/// quetz's three upload routes. Every route makes the same checks (channel kind, permissions, quota, archive,
/// name) — quetz's <c>/upload/</c> skips several of them.
/// </summary>
internal static class UploadApi
{
    public static void MapUploadApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/channels/{channel}").WithTags("upload");
        api.MapPost("/upload/{filename}", UploadRawAsync)
            .WithSummary("Upload one package, the raw file as body (quetz-client, rattler-build, pixi). sha256 is required; empty skips the check.")
            .Accepts<Stream>("application/octet-stream", "*/*")
            .ProducesNull(StatusCodes.Status201Created).ProducesError(400, 401, 403, 404, 405, 406, 409, 422);
        api.MapPost("/files/", UploadFormAsync)
            .WithSummary("Upload packages as multipart form parts named 'files', with an optional 'force' field.")
            .Accepts<IFormFileCollection>("multipart/form-data")
            .ProducesNull(StatusCodes.Status201Created).ProducesError(400, 401, 403, 404, 405, 409, 422);
        api.MapPost("/packages/{package}/files/", UploadPackageFormAsync)
            .WithSummary("Upload files of one package as multipart form parts named 'files'.")
            .Accepts<IFormFileCollection>("multipart/form-data")
            .ProducesNull(StatusCodes.Status201Created).ProducesError(400, 401, 403, 404, 405, 409, 422);
    }

    private static async Task<IResult> UploadRawAsync(string channel, string filename, HttpContext context, QuetzDbContext db, AccessRules rules,
        PackageUploader uploader, CancellationToken ct)
    {
        var sha256 = QueryValues.Required(context.Request, "sha256");
        var force = QueryValues.Bool(context.Request, "force", false);
        var (found, owner) = await AuthorizeAsync(channel, [filename], force, db, rules, ct);
        UploadReceiver.AllowLargeBody(context);
        var file = await UploadReceiver.ReceiveAsync(filename, context.Request.Body, ct);
        try
        {
            if (sha256.Length > 0 && !sha256.Equals(file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new ApiException(StatusCodes.Status406NotAcceptable, "Wrong SHA256 checksum");
            }

            await uploader.UploadAsync(found, file, new UploadOptions(force, null, fn => $"package file name and info files do not match {fn}"), owner, ct);
        }
        finally
        {
            UploadReceiver.Discard([file]);
        }

        return QuetzResults.Null(StatusCodes.Status201Created);
    }

    private static Task<IResult> UploadFormAsync(string channel, HttpContext context, QuetzDbContext db, AccessRules rules,
        PackageUploader uploader, CancellationToken ct) => UploadFilesAsync(channel, null, context, db, rules, uploader, ct);

    private static Task<IResult> UploadPackageFormAsync(string channel, string package, HttpContext context, QuetzDbContext db, AccessRules rules,
        PackageUploader uploader, CancellationToken ct) => UploadFilesAsync(channel, package, context, db, rules, uploader, ct);

    private static async Task<IResult> UploadFilesAsync(string channel, string? package, HttpContext context, QuetzDbContext db, AccessRules rules,
        PackageUploader uploader, CancellationToken ct)
    {
        var found = await ChannelLookup.GetReadableAsync(db, rules, channel, ct, "local");
        if (package is not null)
        {
            await Packages.PackageLookup.GetReadableAsync(db, rules, channel, package, ct);
        }

        await rules.RequireOwnerAsync(ct);
        UploadReceiver.AllowLargeBody(context);
        var (files, force) = await UploadReceiver.ReceiveMultipartAsync(context.Request, ct);
        try
        {
            var (_, owner) = await AuthorizeAsync(channel, files.Select(f => f.FileName), force, db, rules, ct);
            foreach (var file in files)
            {
                await uploader.UploadAsync(found, file, new UploadOptions(force, package, _ => "filename does not match package name"), owner, ct);
            }
        }
        finally
        {
            UploadReceiver.Discard(files);
        }

        return QuetzResults.Null(StatusCodes.Status201Created);
    }

    /// <summary>
    /// Upload needs a channel owner or maintainer, or an owner or maintainer of the package the file belongs to;
    /// replacing a file (force) needs an owner. The uploader credited is the key's owner for scoped keys.
    /// </summary>
    private static async Task<(Channel Channel, Guid Owner)> AuthorizeAsync(string channel, IEnumerable<string> fileNames, bool force,
        QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var found = await ChannelLookup.GetReadableAsync(db, rules, channel, ct, "local");
        var owner = await rules.RequireOwnerAsync(ct);
        foreach (var fileName in fileNames)
        {
            var packageName = PackageFileName.TryParse(fileName, out var parsed)
                ? parsed.Name
                : throw new ApiException(StatusCodes.Status400BadRequest, $"package file name has wrong format {fileName}");
            await rules.RequireChannelOrPackageRoleAsync(found.Name, packageName, Roles.OwnerOrMaintainer, Roles.OwnerOrMaintainer, ct);
            if (force)
            {
                await rules.RequireChannelOrPackageRoleAsync(found.Name, packageName, [Roles.Owner], [Roles.Owner], ct);
            }
        }

        return (found, owner);
    }
}
