using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Quetz.Abstractions.Http;
using Quetz.Abstractions.Identity;
using Quetz.Abstractions.Storage;
using Quetz.Plugins.ContentTrust.Data;
using Quetz.Plugins.ContentTrust.Roles;

namespace Quetz.Plugins.ContentTrust.Api;

/// <summary>
/// <c>/api/content-trust/{channel}/roles</c>: channel owners upload role files (multipart <c>file</c>, <c>?type=</c>,
/// <c>&amp;force=</c>), channel members read them back.
/// </summary>
internal static class RolesApi
{
    /// <summary>Role files are a few kilobytes; anything far larger is not one.</summary>
    private const long MaxRoleFileBytes = 1024 * 1024;

    public static void MapRolesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/content-trust/{channel}/roles", PostAsync).WithTags("content-trust").DisableAntiforgery();
        routes.MapGet("/api/content-trust/{channel}/roles", GetAsync).WithTags("content-trust");
    }

    private static async Task<IResult> PostAsync(string channel, HttpRequest request, IQuetzAuthorization auth, RoleService roles, CancellationToken ct)
    {
        var type = Query.Required(request, "type");
        var force = Query.Bool(request, "force") ?? false;
        await auth.RequireChannelRoleAsync(channel, [QuetzRoles.Owner], ct);
        var file = request.HasFormContentType ? (await request.ReadFormAsync(ct)).Files.GetFile("file") : null;
        if (file is null)
        {
            throw new QuetzHttpException(422, "Field required: file");
        }

        if (file.Length > MaxRoleFileBytes)
        {
            throw new QuetzHttpException(400, "Invalid role definition");
        }

        using var content = new MemoryStream();
        await file.CopyToAsync(content, ct);
        await roles.AddAsync(channel, type, content.ToArray(), force, ct);
        return Results.Text("null", "application/json", statusCode: StatusCodes.Status201Created);
    }

    /// <summary>The channel's current role files by type (only <c>type</c>'s when given), as published.</summary>
    private static async Task<IResult> GetAsync(string channel, HttpRequest request, IQuetzAuthorization auth, ContentTrustDbContext db,
        IPackageStore store, CancellationToken ct)
    {
        var type = request.Query["type"].FirstOrDefault();
        await auth.RequireChannelRoleAsync(channel, [QuetzRoles.Owner, QuetzRoles.Maintainer, QuetzRoles.Member], ct);
        var types = await db.Roles.AsNoTracking().Where(r => r.Channel == channel && (type == null || r.Type == type))
            .Select(r => r.Type).ToListAsync(ct);
        var result = new JsonObject();
        foreach (var name in types.Order(StringComparer.Ordinal))
        {
            await using var stream = await store.OpenReadAsync(channel, RoleTypes.CurrentFileName(name), ct);
            if (stream is not null)
            {
                result[name] = await JsonNode.ParseAsync(stream, cancellationToken: ct);
            }
        }

        return Results.Json(result);
    }
}
