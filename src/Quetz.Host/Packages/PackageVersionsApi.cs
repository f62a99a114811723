using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quetz.Abstractions.Storage;
using Quetz.Conda;
using Quetz.Host.Config;
using Quetz.Host.Data;
using Quetz.Host.Http;
using Quetz.Host.Identity;

namespace Quetz.Host.Packages;

internal static class PackageVersionsApi
{
    public static void MapPackageVersionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("packages");
        api.MapGet("/channels/{channel}/packages/{package}/versions", ListAsync)
            .WithSummary("Versions, newest first; filter by time_created__ge and a conda version spec (version_match_str).")
            .Produces<List<PackageVersionResponse>>().ProducesError(401, 403, 404, 422);
        api.MapGet("/paginated/channels/{channel}/packages/{package}/versions", ListPaginatedAsync)
            .Produces<Paginated<PackageVersionResponse>>().ProducesError(401, 403, 404, 422);
        api.MapGet("/channels/{channel}/packages/{package}/versions/{platform}/{filename}", GetAsync)
            .Produces<PackageVersionResponse>().ProducesError(401, 403, 404);
        api.MapDelete("/channels/{channel}/packages/{package}/versions/{platform}/{filename}", DeleteAsync)
            .ProducesNull().ProducesError(401, 403, 404);
    }

    private static async Task<List<PackageVersion>> FilteredAsync(
        string channel, string package, HttpRequest request, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var (found, pkg) = await PackageLookup.GetReadableAsync(db, rules, channel, package, ct);
        var versions = db.PackageVersions.AsNoTracking().Include(v => v.Uploader).ThenInclude(u => u!.Profile)
            .Where(v => v.ChannelName == found.Name && v.PackageName == pkg.Name);
        if (QueryValues.String(request, "time_created__ge") is { Length: > 0 } since)
        {
            if (!DateTime.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var from))
            {
                throw ApiException.Invalid(["query", "time_created__ge"], "Input should be a valid datetime", "datetime_from_date_parsing", since);
            }

            versions = versions.Where(v => v.TimeCreated >= from);
        }

        var list = await versions.OrderBy(v => v.VersionOrder).ThenBy(v => v.Filename).ToListAsync(ct);
        if (QueryValues.String(request, "version_match_str") is { Length: > 0 } spec)
        {
            VersionSpec parsed;
            try
            {
                parsed = VersionSpec.Parse(spec);
            }
            catch (ArgumentException e)
            {
                throw ApiException.Invalid(["query", "version_match_str"], e.Message, "value_error", spec);
            }

            list = list.Where(v => parsed.Matches(v.Version)).ToList();
        }

        return list;
    }

    private static async Task<IResult> ListAsync(string channel, string package, HttpRequest request, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var versions = await FilteredAsync(channel, package, request, db, rules, ct);
        return Results.Json(versions.Select(PackageQueries.ToResponse).ToList(), QuetzJson.Options);
    }

    private static async Task<IResult> ListPaginatedAsync(string channel, string package, HttpRequest request, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var page = PageRequest.From(request);
        var versions = await FilteredAsync(channel, package, request, db, rules, ct);
        return Results.Json(Paginated<PackageVersionResponse>.Of(page, versions.Count, page.Apply(versions).Select(PackageQueries.ToResponse).ToList()),
            QuetzJson.Options);
    }

    private static async Task<IResult> GetAsync(string channel, string package, string platform, string filename,
        QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var (found, pkg) = await PackageLookup.GetReadableAsync(db, rules, channel, package, ct);
        var version = await db.PackageVersions.AsNoTracking().Include(v => v.Uploader).ThenInclude(u => u!.Profile)
            .FirstOrDefaultAsync(v => v.ChannelName == found.Name && v.PackageName == pkg.Name && v.Platform == platform && v.Filename == filename, ct)
            ?? throw ApiException.NotFound($"package version {platform}/{filename} not found");
        return Results.Json(PackageQueries.ToResponse(version), QuetzJson.Options);
    }

    private static async Task<IResult> DeleteAsync(string channel, string package, string platform, string filename,
        QuetzDbContext db, AccessRules rules, PackageVersionWriter writer, IPackageStore store, IOptions<StorageOptions> storage, CancellationToken ct)
    {
        var (found, pkg) = await PackageLookup.GetReadableAsync(db, rules, channel, package, ct);
        var version = await db.PackageVersions
            .FirstOrDefaultAsync(v => v.ChannelName == found.Name && v.PackageName == pkg.Name && v.Platform == platform && v.Filename == filename, ct)
            ?? throw ApiException.NotFound("Package version not found");
        await rules.RequireChannelOrPackageRoleAsync(found.Name, pkg.Name, Roles.OwnerOrMaintainer, Roles.OwnerOrMaintainer, ct);
        await writer.DeleteAsync(version, ct);
        if (!storage.Value.SoftDeletePackage)
        {
            await store.DeleteAsync(found.Name, $"{version.Platform}/{version.Filename}", ct);
        }

        return QuetzResults.Null();
    }
}
