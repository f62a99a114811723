using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Quetz.Abstractions.Storage;
using Quetz.Host.Channels;
using Quetz.Host.Config;
using Quetz.Host.Data;
using Quetz.Host.Http;
using Quetz.Host.Identity;
using Quetz.Host.Indexing;

namespace Quetz.Host.Serving;

/// <summary>
/// <c>/get/{channel}/{path}</c>: what conda, mamba and pixi download. GET and HEAD share the channel read check;
/// responses carry a strong ETag, Last-Modified, Content-Length and a deliberate Cache-Control, and answer
/// conditional requests with 304 and byte ranges with 206. The file is opened once, and its headers come from
/// that open file, so an index replaced mid-request is sent whole, old or new.
/// </summary>
internal static class GetApi
{
    public static void MapGetApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/get/{channel}", ["GET", "HEAD"], (string channel, HttpContext context, QuetzDbContext db, AccessRules rules,
                IPackageStore store, DownloadCounter downloads, ChannelReadCache readable, IOptions<RepodataOptions> repodata, CancellationToken ct) =>
                ServeAsync(channel, "", context, db, rules, store, downloads, readable, repodata, ct))
            .WithTags("serving").WithSummary("The channel's index page.");
        app.MapMethods("/get/{channel}/{**path}", ["GET", "HEAD"], ServeAsync)
            .WithTags("serving").WithSummary("A file of the channel: repodata, channeldata, packages, index pages.")
            .Produces(StatusCodes.Status200OK).Produces(StatusCodes.Status206PartialContent).Produces(StatusCodes.Status304NotModified)
            .ProducesError(401, 403, 404);
    }

    private static async Task<IResult> ServeAsync(string channel, string? path, HttpContext context, QuetzDbContext db, AccessRules rules,
        IPackageStore store, DownloadCounter downloads, ChannelReadCache readable, IOptions<RepodataOptions> repodata, CancellationToken ct)
    {
        var found = await readable.GetAsync(context.Request, channel, async () =>
        {
            var row = await ChannelLookup.GetAsync(db, channel, ct);
            await rules.RequireChannelReadAsync(row, ct);
            return new ReadableChannel(row.Name, row.Private, row.Ttl, ShardSwitch.IsOn(repodata.Value, row.Metadata));
        });
        path ??= "";
        if (ShardPaths.IsShard(path, out var hash))
        {
            return await ServeShardAsync(found, path, hash, context, store, ct);
        }

        if (ShardPaths.IsHidden(path) || (!found.Shards && ShardPaths.IsIndex(path)))
        {
            throw ApiException.NotFound($"{found.Name}/{path} not found");
        }

        var requested = path.Length == 0 || path.EndsWith('/') ? path + "index.html" : path;
        var file = await FindAsync(store, found.Name, requested, ct)
            ?? (Path.GetExtension(requested).Length == 0 ? await FindAsync(store, found.Name, requested + "/index.html", ct) : null)
            ?? throw ApiException.NotFound($"{found.Name}/{path} not found");

        if (context.Request.Method == HttpMethods.Get && PackagePath.IsPackage(file.Path))
        {
            downloads.Count(found.Name, file.Path);
        }

        var servedPath = file.Path;
        if (file.Path.EndsWith(".json", StringComparison.Ordinal) && AcceptsGzip(context.Request)
            && await FindAsync(store, found.Name, file.Path + ".gz", ct) is { } gzip && gzip.LastModified >= file.LastModified)
        {
            servedPath = gzip.Path;
            context.Response.Headers.ContentEncoding = "gzip";
        }

        if (file.Path.EndsWith(".json", StringComparison.Ordinal))
        {
            context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        }

        var content = await store.OpenWithInfoAsync(found.Name, servedPath, ct) ?? throw ApiException.NotFound($"{found.Name}/{path} not found");
        context.Response.Headers.CacheControl = $"{(found.Private ? "private" : "public")}, max-age={found.Ttl}";
        context.Response.Headers["Content-Size"] = content.Info.Size.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Stream(content.Content, ContentTypes.For(file.Path), lastModified: content.Info.LastModified,
            entityTag: EntityTagHeaderValue.Parse(content.Info.ETag), enableRangeProcessing: content.Content.CanSeek);
    }

    /// <summary>
    /// A shard: content-addressed, so cacheable for a year and its hash is its ETag. Opened directly, without the
    /// lookups other files need; a sharded solve asks for hundreds at once.
    /// </summary>
    private static async Task<IResult> ServeShardAsync(ReadableChannel channel, string path, string hash, HttpContext context, IPackageStore store, CancellationToken ct)
    {
        var content = await store.OpenWithInfoAsync(channel.Name, path, ct) ?? throw ApiException.NotFound($"{channel.Name}/{path} not found");
        context.Response.Headers.CacheControl = $"{(channel.Private ? "private" : "public")}, max-age=31536000, immutable";
        return Results.Stream(content.Content, ContentTypes.For(path), lastModified: content.Info.LastModified,
            entityTag: new EntityTagHeaderValue($"\"{hash}\""), enableRangeProcessing: content.Content.CanSeek);
    }

    private static async Task<StoredFile?> FindAsync(IPackageStore store, string channel, string path, CancellationToken ct)
    {
        try
        {
            return await store.GetInfoAsync(channel, path, ct);
        }
        catch (ArgumentException)
        {
            // A path that cannot exist in a store ('..', hidden files): as absent as any other.
            return null;
        }
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.Headers.AcceptEncoding.Any(v => v is not null && v.Contains("gzip", StringComparison.OrdinalIgnoreCase));
}
