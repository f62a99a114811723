using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Quetz.Host.Data;
using Quetz.Host.Http;
using Quetz.Host.Identity;

namespace Quetz.Host.Channels;

/// <summary>The mirrors a primary channel knows of (quetz's mirror registry, §2.4).</summary>
internal static partial class ChannelMirrorsApi
{
    public const string RemoteClient = "quetz-remote";

    internal sealed record MirrorResponse(Guid Id, string Url, string ApiEndpoint, string MetricsEndpoint);

    internal sealed record MirrorBody(string Url, string? ApiEndpoint, string? MetricsEndpoint);

    public static void MapChannelMirrorsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/channels/{channel}/mirrors").WithTags("channels");
        api.MapGet("", ListAsync).Produces<List<MirrorResponse>>().ProducesError(401, 403, 404, 405);
        api.MapPost("", AddAsync).AcceptsJson<MirrorBody>()
            .WithSummary("Register a mirror of this channel; the mirror's API must answer as a quetz mirror channel.")
            .ProducesNull(StatusCodes.Status201Created).ProducesError(401, 403, 404, 405, 409, 422);
        api.MapDelete("/{mirrorId}", DeleteAsync).ProducesNull().ProducesError(401, 403, 404, 422);
    }


    private static async Task<IResult> ListAsync(string channel, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var found = await ChannelLookup.GetReadableAsync(db, rules, channel, ct, "local", "mirror");
        var mirrors = await db.ChannelMirrors.Where(m => m.ChannelName == found.Name).OrderBy(m => m.Url)
            .Select(m => new MirrorResponse(m.Id, m.Url, m.ApiEndpoint, m.MetricsEndpoint)).ToListAsync(ct);
        return Results.Json(mirrors, QuetzJson.Options);
    }

    private static async Task<IResult> AddAsync(string channel, HttpRequest request, QuetzDbContext db, AccessRules rules,
        IHttpClientFactory clients, CancellationToken ct)
    {
        var found = await ChannelLookup.GetReadableAsync(db, rules, channel, ct, "local", "mirror");
        var body = await JsonBody.ReadAsync(request, ct);
        var url = body.RequiredString("url", pattern: HttpUrl());
        var apiEndpoint = body.String("api_endpoint", pattern: HttpUrl()) ?? ReplaceGetSegment(url, "api/channels");
        var metricsEndpoint = body.String("metrics_endpoint", pattern: HttpUrl()) ?? ReplaceGetSegment(url, "metrics/channels");
        await rules.RequireChannelRoleAsync(found.Name, Roles.OwnerOrMaintainer, ct);
        if (await db.ChannelMirrors.AnyAsync(m => m.Url == url, ct))
        {
            throw ApiException.Conflict($"mirror {url} exists");
        }

        await RequireQuetzMirrorAsync(clients.CreateClient(RemoteClient), url, apiEndpoint, ct);
        db.ChannelMirrors.Add(new ChannelMirror { ChannelName = found.Name, Url = url, ApiEndpoint = apiEndpoint, MetricsEndpoint = metricsEndpoint });
        await db.SaveChangesAsync(ct);
        return QuetzResults.Null(StatusCodes.Status201Created);
    }

    /// <summary>The mirror's channel must exist on a quetz server and be a mirror (its <c>mirror_channel_url</c> set).</summary>
    private static async Task RequireQuetzMirrorAsync(HttpClient client, string url, string apiEndpoint, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync(apiEndpoint, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw ApiException.Unprocessable($"could not connect to remote repository {url}");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw ApiException.Unprocessable("mirror server is not quetz server");
            }

            try
            {
                using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), default, ct);
                if (document.RootElement.ValueKind != JsonValueKind.Object
                    || !document.RootElement.TryGetProperty("mirror_channel_url", out var mirrorOf))
                {
                    throw ApiException.Unprocessable("mirror server is not quetz server");
                }

                if (mirrorOf.ValueKind != JsonValueKind.String || mirrorOf.GetString()!.Length == 0)
                {
                    throw ApiException.NotFound($"{url} is not a mirror server");
                }
            }
            catch (JsonException)
            {
                throw ApiException.Unprocessable("mirror server is not quetz server");
            }
        }
    }

    /// <summary>quetz replaces every "get" in the URL; only the <c>/get/</c> path segment is meant (§17.2).</summary>
    private static string ReplaceGetSegment(string url, string replacement)
    {
        var uri = new Uri(url);
        var path = GetSegment().Replace(uri.AbsolutePath, $"/{replacement}/", 1);
        return new UriBuilder(uri) { Path = path }.Uri.ToString().TrimEnd('/');
    }

    private static async Task<IResult> DeleteAsync(string channel, string mirrorId, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var found = await ChannelLookup.GetReadableAsync(db, rules, channel, ct, "local", "mirror");
        if (!Guid.TryParse(mirrorId, out var id))
        {
            throw ApiException.Invalid(["path", "mirror_id"], "Input should be a valid UUID", "uuid_parsing", mirrorId);
        }

        await rules.RequireChannelRoleAsync(found.Name, Roles.OwnerOrMaintainer, ct);
        var deleted = await db.ChannelMirrors.Where(m => m.ChannelName == found.Name && m.Id == id).ExecuteDeleteAsync(ct);
        return deleted == 0
            ? throw ApiException.NotFound($"mirror {mirrorId} not found")
            : QuetzResults.Null();
    }

    [GeneratedRegex("^(http|https)://.+")]
    private static partial Regex HttpUrl();

    [GeneratedRegex("/get(/|$)")]
    private static partial Regex GetSegment();
}
