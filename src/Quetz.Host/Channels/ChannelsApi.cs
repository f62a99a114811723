using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quetz.Abstractions.Indexing;
using Quetz.Abstractions.Storage;
using Quetz.Host.Config;
using Quetz.Host.Data;
using Quetz.Host.Http;
using Quetz.Host.Identity;
using Quetz.Host.Indexing;
using Quetz.Host.Search;

namespace Quetz.Host.Channels;

internal static class ChannelsApi
{
    public static void MapChannelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("channels");
        api.MapGet("/channels", ListAsync).WithSummary("Channels the caller may see.")
            .Produces<List<ChannelResponse>>();
        api.MapGet("/paginated/channels", ListPaginatedAsync).Produces<Paginated<ChannelResponse>>();
        // One route serves both slash forms: routing ignores a trailing slash, so mapping both would be ambiguous.
        api.MapGet("/channels/search/", SearchAsync).WithSummary("Search channels with quetz's query language.")
            .Produces<List<ChannelSearchResult>>();
        api.MapGet("/channels/{channel}", GetAsync).Produces<ChannelResponse>()
            .ProducesError(401, 403, 404);
        api.MapPost("/channels", CreateAsync).AcceptsJson<ChannelBody>()
            .ProducesNull(StatusCodes.Status201Created).ProducesError(401, 403, 409, 422);
        api.MapPatch("/channels/{channel}", PatchAsync).AcceptsJson<ChannelBody>()
            .Produces<ChannelBaseResponse>().ProducesError(401, 403, 404, 405, 422);
        api.MapDelete("/channels/{channel}", DeleteAsync).ProducesNull().ProducesError(401, 403, 404);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var channels = await VisibleAsync(request, db, rules, ct);
        return Results.Json(await ChannelQueries.Project(db, channels).ToListAsync(ct), QuetzJson.Options);
    }

    private static async Task<IResult> ListPaginatedAsync(HttpRequest request, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var page = PageRequest.From(request);
        var channels = await VisibleAsync(request, db, rules, ct);
        var total = await channels.CountAsync(ct);
        var result = await page.Apply(ChannelQueries.Project(db, channels)).ToListAsync(ct);
        return Results.Json(Paginated<ChannelResponse>.Of(page, total, result), QuetzJson.Options);
    }

    private static async Task<IQueryable<Channel>> VisibleAsync(HttpRequest request, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var includePublic = QueryValues.Bool(request, "public", true);
        var caller = await rules.CallerAsync(ct);
        return ChannelQueries.NameContains(ChannelQueries.Visible(db, caller.UserId, includePublic), QueryValues.String(request, "q"));
    }

    private static async Task<IResult> SearchAsync(HttpRequest request, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var caller = await rules.CallerAsync(ct);
        var query = SearchQuery.Parse(QueryValues.String(request, "q"));
        var found = await ChannelQueries.ApplySearch(ChannelQueries.Visible(db, caller.UserId, includePublic: true), query)
            .OrderBy(c => c.Name)
            .Select(c => new ChannelSearchResult(c.Name, c.Description, c.Private))
            .ToListAsync(ct);
        return Results.Json(found, QuetzJson.Options);
    }

    private static async Task<IResult> GetAsync(string channel, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var found = await ChannelLookup.GetAsync(db, channel, ct);
        await rules.RequireChannelReadAsync(found, ct);
        var response = await ChannelQueries.Project(db, db.Channels.Where(c => c.Name == found.Name)).FirstAsync(ct);
        return Results.Json(response, QuetzJson.Options);
    }

    private static async Task<IResult> CreateAsync(
        HttpRequest request, QuetzDbContext db, AccessRules rules, IOptions<QuotasOptions> quotas,
        SubdirIndexer subdirIndexer, SubdirExtrasPublisher extras, ChannelIndexer channelIndexer, CancellationToken ct)
    {
        var input = await ChannelInput.ReadAsync(request, nameRequired: true, ct);
        var name = input.Name!;
        var userId = await rules.RequireOwnerAsync(ct);
        var normalized = Channel.Normalize(name);
        if (await db.Channels.AnyAsync(c => c.NormalizedName == normalized, ct))
        {
            throw ApiException.Conflict($"Channel {name} exists");
        }

        if (input.MirrorChannelUrl is null)
        {
            await rules.RequireServerRolesAsync(Roles.Any, ct);
        }
        else
        {
            await rules.RequireServerRolesAsync(Roles.OwnerOrMaintainer, ct);
        }

        if (input.Metadata is { Includelist: not null, Excludelist: not null })
        {
            throw ApiException.Unprocessable("Cannot use both `includelist` and `excludelist` together.");
        }

        var sizeLimit = quotas.Value.ChannelQuota;
        if (input.Body.Has("size_limit"))
        {
            await rules.RequireServerRolesAsync(Roles.OwnerOrMaintainer, ct, "only server maintainer or owner can set channel size limit");
            sizeLimit = input.SizeLimit;
        }

        ChannelNames.Validate(name);
        db.Channels.Add(new Channel
        {
            Name = name,
            NormalizedName = normalized,
            Description = input.Description,
            Private = input.Private,
            MirrorChannelUrl = input.MirrorChannelUrl,
            MirrorMode = input.MirrorMode,
            Metadata = JsonSerializer.Serialize(input.Metadata ?? new ChannelMetadata(null, null, null), QuetzJson.Options),
            SizeLimit = sizeLimit,
            Ttl = input.Ttl,
        });
        db.ChannelMembers.Add(new ChannelMember { ChannelName = name, UserId = userId, Role = Roles.Owner });
        await db.SaveChangesAsync(ct);
        if (input.MirrorMode != "proxy")
        {
            // Clients treat a channel without noarch/repodata.json as broken, so a new channel has one at once.
            await IndexChangeLog.EnsureAsync(db, name, "noarch", ct);
            await IndexChangeLog.RecordAsync(db, name, "noarch", null, ct);
            await subdirIndexer.IndexAsync(name, "noarch", ct);
            await extras.PublishAsync(name, "noarch", force: false, ct);
            await channelIndexer.IndexAsync(name, ct);
        }

        return QuetzResults.Null(StatusCodes.Status201Created);
    }

    private static readonly string[] Changeable = ["private", "size_limit", "metadata", "ttl"];

    /// <summary>quetz's Channel model: pydantic drops any other key before PATCH looks, so only these can be refused.</summary>
    private static readonly string[] ModelFields =
        ["name", "description", "private", "size_limit", "ttl", "mirror_channel_url", "mirror_mode", "metadata", "actions"];

    private static async Task<IResult> PatchAsync(
        string channel, HttpRequest request, QuetzDbContext db, AccessRules rules, IIndexRequests indexes, IOptions<RepodataOptions> repodata, CancellationToken ct)
    {
        var found = await ChannelLookup.GetAsync(db, channel, ct, tracking: true);
        await rules.RequireChannelReadAsync(found, ct);
        ChannelLookup.RequireKind(found, "local", "mirror");
        var input = await ChannelInput.ReadAsync(request, nameRequired: false, ct);
        await rules.RequireChannelRoleAsync(found.Name, Roles.OwnerOrMaintainer, ct);
        if (input.Body.Has("size_limit"))
        {
            await rules.RequireServerRolesAsync(Roles.OwnerOrMaintainer, ct, "only server maintainer or owner can set channel size limit");
        }

        if (input.Body.FieldNames.FirstOrDefault(f => ModelFields.Contains(f) && !Changeable.Contains(f)) is { } forbidden)
        {
            throw ApiException.Unprocessable($"attribute '{forbidden}' of channel can not be changed");
        }

        if (input.Body.Has("private"))
        {
            found.Private = input.Private;
        }

        if (input.Body.Has("size_limit"))
        {
            found.SizeLimit = input.SizeLimit;
        }

        if (input.Body.Has("ttl"))
        {
            found.Ttl = input.Ttl;
        }

        var shardsWere = ShardSwitch.IsOn(repodata.Value, found.Metadata);
        if (input.Body.Has("metadata"))
        {
            found.Metadata = JsonSerializer.Serialize(input.Metadata ?? new ChannelMetadata(null, null, null), QuetzJson.Options);
        }

        await db.SaveChangesAsync(ct);
        if (ShardSwitch.IsOn(repodata.Value, found.Metadata) != shardsWere)
        {
            // Publish or withdraw the shard index now rather than at the next upload.
            await indexes.ReindexChannelAsync(found.Name, ct);
        }

        return Results.Json(new ChannelBaseResponse(found.Name, found.Description, found.Private, found.SizeLimit, found.Ttl,
            found.MirrorChannelUrl, found.MirrorMode), QuetzJson.Options);
    }

    private static async Task<IResult> DeleteAsync(string channel, QuetzDbContext db, AccessRules rules, IPackageStore store,
        IOptions<StorageOptions> storage, IndexSnapshotCache snapshots, CancellationToken ct)
    {
        var found = await ChannelLookup.GetAsync(db, channel, ct, tracking: true);
        await rules.RequireChannelReadAsync(found, ct);
        await rules.RequireChannelRoleAsync(found.Name, Roles.OwnerOrMaintainer, ct);
        db.Channels.Remove(found);
        await db.SaveChangesAsync(ct);
        snapshots.ForgetChannel(found.Name);
        if (!storage.Value.SoftDeleteChannel)
        {
            await store.DeleteChannelAsync(found.Name, ct);
        }

        return QuetzResults.Null();
    }
}
