using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Quetz.Conda.Archives;
using Quetz.Host.Http;

namespace Quetz.Host.Upload;

/// <summary>
/// Streams request bodies to temporary files while hashing them (sha256 and md5 in one pass), so a package of
/// any size is never held in memory.
/// </summary>
internal static class UploadReceiver
{
    public static async Task<ReceivedFile> ReceiveAsync(string fileName, Stream body, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"quetz-upload-{Guid.NewGuid():N}.part");
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            await using var hashing = new PackageHashingStream(file);
            await body.CopyToAsync(hashing, 81920, ct);
            await hashing.FlushAsync(ct);
            return new ReceivedFile(fileName, path, hashing.Sha256Hex, hashing.Md5Hex, hashing.Length);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Lifts Kestrel's 30 MB body limit for this request: packages are routinely larger.</summary>
    public static void AllowLargeBody(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }
    }

    /// <summary>Every <c>files</c> part of a multipart form to disk, and the form's <c>force</c> field.</summary>
    public static async Task<(List<ReceivedFile> Files, bool Force)> ReceiveMultipartAsync(HttpRequest request, CancellationToken ct)
    {
        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            ? HeaderUtilities.RemoveQuotes(type.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary))
        {
            throw ApiException.Invalid(["body", "files"], "Field required", "missing");
        }

        var files = new List<ReceivedFile>();
        var force = false;
        try
        {
            var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = null };
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (disposition.IsFileDisposition() && name == "files")
                {
                    var fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "");
                    files.Add(await ReceiveAsync(fileName, section.Body, ct));
                }
                else if (name == "force")
                {
                    using var text = new StreamReader(section.Body);
                    force = Config.QuetzConfigLoader.ParseBool(await text.ReadToEndAsync(ct))
                        ?? throw ApiException.Invalid(["body", "force"], "Input should be a valid boolean", "bool_parsing");
                }
            }
        }
        catch
        {
            Discard(files);
            throw;
        }

        return files.Count == 0 ? throw ApiException.Invalid(["body", "files"], "Field required", "missing") : (files, force);
    }

    public static void Discard(IEnumerable<ReceivedFile> files)
    {
        foreach (var file in files)
        {
            File.Delete(file.TemporaryPath);
        }
    }
}
