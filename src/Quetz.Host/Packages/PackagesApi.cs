using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quetz.Abstractions.Packages;
using Quetz.Abstractions.Storage;
using Quetz.Host.Channels;
using Quetz.Host.Config;
using Quetz.Host.Data;
using Quetz.Host.Http;
using Quetz.Host.Identity;
using Quetz.Host.Search;
using Quetz.Host.Users;

namespace Quetz.Host.Packages;

internal static partial class PackagesApi
{
    public static void MapPackagesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("packages");
        api.MapGet("/channels/{channel}/packages", ListAsync).Produces<List<PackageResponse>>().ProducesError(401, 403, 404, 405);
        api.MapGet("/paginated/channels/{channel}/packages", ListPaginatedAsync)
            .Produces<Paginated<PackageResponse>>().ProducesError(401, 403, 404, 405);
        api.MapGet("/channels/{channel}/packages/{package}", GetAsync).Produces<PackageResponse>().ProducesError(401, 403, 404);
        api.MapPost("/channels/{channel}/packages", CreateAsync).AcceptsJson<PackageBody>()
            .ProducesNull(StatusCodes.Status201Created).ProducesError(401, 403, 404, 405, 409, 422);
        api.MapDelete("/channels/{channel}/packages/{package}", DeleteAsync).ProducesNull().ProducesError(401, 403, 404);
        api.MapGet("/channels/{channel}/packages/{package}/members", MembersAsync)
            .Produces<List<MemberResponse>>().ProducesError(401, 403, 404);
        api.MapPost("/channels/{channel}/packages/{package}/members", AddMemberAsync).AcceptsJson<PostMemberBody>()
            .ProducesNull(StatusCodes.Status201Created).ProducesError(401, 403, 404, 409, 422);
        // Routing ignores the trailing slash, so this also answers quetz-frontend's /api/packages/search?q=.
        api.MapGet("/packages/search/", SearchAsync).Produces<List<PackageSearchResult>>();
    }

    private static async Task<(Channel Channel, IQueryable<Package> Packages)> ListableAsync(
        string channel, HttpRequest request, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var found = await ChannelLookup.GetReadableAsync(db, rules, channel, ct, "local", "mirror");
        var packages = PackageQueries.NameContains(db.Packages.Where(p => p.ChannelName == found.Name), QueryValues.String(request, "q"));
        return (found, packages);
    }

    private static async Task<IResult> ListAsync(string channel, HttpRequest request, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var (_, packages) = await ListableAsync(channel, request, db, rules, ct);
        var rows = await PackageQueries.Rows(db, packages).OrderBy(r => r.Name).ToListAsync(ct);
        return Results.Json(rows.Select(PackageQueries.ToResponse).ToList(), QuetzJson.Options);
    }

    private static async Task<IResult> ListPaginatedAsync(string channel, HttpRequest request, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var page = PageRequest.From(request);
        var (_, packages) = await ListableAsync(channel, request, db, rules, ct);
        var total = await packages.CountAsync(ct);
        var rows = await page.Apply(PackageQueries.Order(PackageQueries.Rows(db, packages), QueryValues.String(request, "order_by")))
            .ToListAsync(ct);
        return Results.Json(Paginated<PackageResponse>.Of(page, total, rows.Select(PackageQueries.ToResponse).ToList()), QuetzJson.Options);
    }

    private static async Task<IResult> GetAsync(string channel, string package, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var (found, pkg) = await PackageLookup.GetReadableAsync(db, rules, channel, package, ct);
        var row = await PackageQueries.Rows(db, db.Packages.Where(p => p.ChannelName == found.Name && p.Name == pkg.Name)).FirstAsync(ct);
        return Results.Json(PackageQueries.ToResponse(row), QuetzJson.Options);
    }

    private static async Task<IResult> CreateAsync(
        string channel, HttpRequest request, QuetzDbContext db, AccessRules rules, IEnumerable<INewPackageValidator> validators, CancellationToken ct)
    {
        var found = await ChannelLookup.GetReadableAsync(db, rules, channel, ct, "local");
        var body = await JsonBody.ReadAsync(request, ct);
        var name = body.RequiredString("name", 1500, PackageNamePattern());
        if (name.Length == 0)
        {
            throw ApiException.Invalid(["body", "name"], "String should have at least 1 character", "string_too_short", name);
        }

        var ownerId = await rules.RequireOwnerAsync(ct);
        await rules.RequireChannelRoleAsync(found.Name, Roles.OwnerOrMaintainer, ct);
        if (await db.Packages.AnyAsync(p => p.ChannelName == found.Name && p.Name == name, ct))
        {
            throw ApiException.Conflict($"Package {found.Name}/{name} exists");
        }

        foreach (var validator in validators)
        {
            await validator.ValidateAsync(new NewPackage(found.Name, name, null), ct);
        }

        db.Packages.Add(new Package
        {
            ChannelName = found.Name,
            Name = name,
            Summary = body.String("summary"),
            Description = body.String("description"),
        });
        db.PackageMembers.Add(new PackageMember { ChannelName = found.Name, PackageName = name, UserId = ownerId, Role = Roles.Owner });
        await db.SaveChangesAsync(ct);
        return QuetzResults.Null(StatusCodes.Status201Created);
    }

    private static async Task<IResult> DeleteAsync(string channel, string package, QuetzDbContext db, AccessRules rules,
        PackageVersionWriter writer, IPackageStore store, IOptions<StorageOptions> storage, CancellationToken ct)
    {
        var (found, pkg) = await PackageLookup.GetReadableAsync(db, rules, channel, package, ct);
        await rules.RequireChannelOrPackageRoleAsync(found.Name, pkg.Name, Roles.OwnerOrMaintainer, Roles.OwnerOrMaintainer, ct);
        var removed = await writer.DeletePackageAsync(found.Name, pkg.Name, ct);
        if (!storage.Value.SoftDeletePackage)
        {
            foreach (var (platform, filename) in removed)
            {
                await store.DeleteAsync(found.Name, $"{platform}/{filename}", ct);
            }
        }

        return QuetzResults.Null();
    }

    private static async Task<IResult> MembersAsync(string channel, string package, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var (found, pkg) = await PackageLookup.GetReadableAsync(db, rules, channel, package, ct);
        return Results.Json(await UserQueries.PackageMembers(db, found.Name, pkg.Name).ToListAsync(ct), QuetzJson.Options);
    }

    private static async Task<IResult> AddMemberAsync(string channel, string package, HttpRequest request, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var (found, pkg) = await PackageLookup.GetReadableAsync(db, rules, channel, package, ct);
        var (username, role) = await MemberInput.ReadAsync(request, ct);
        await rules.RequireChannelOrPackageRoleAsync(found.Name, pkg.Name, Roles.OwnerOrMaintainer, [Roles.Owner], ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Username == username, ct)
            ?? throw ApiException.NotFound($"user {username} not found");
        if (await db.PackageMembers.AnyAsync(m => m.ChannelName == found.Name && m.PackageName == pkg.Name && m.UserId == user.Id, ct))
        {
            throw ApiException.Conflict($"Member {username} in {found.Name}/{pkg.Name} exists");
        }

        db.PackageMembers.Add(new PackageMember { ChannelName = found.Name, PackageName = pkg.Name, UserId = user.Id, Role = role });
        await db.SaveChangesAsync(ct);
        return QuetzResults.Null(StatusCodes.Status201Created);
    }

    /// <summary>Packages in public channels and in private channels the caller is a member of.</summary>
    private static async Task<IResult> SearchAsync(HttpRequest request, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var caller = await rules.CallerAsync(ct);
        var visibleChannels = ChannelQueries.Visible(db, caller.UserId, includePublic: true).Select(c => c.Name);
        var query = SearchQuery.Parse(QueryValues.String(request, "q"));
        var packages = PackageQueries.ApplySearch(db.Packages.Where(p => visibleChannels.Contains(p.ChannelName)), query);
        var rows = await PackageQueries.Rows(db, packages).OrderBy(r => r.Name).ThenBy(r => r.ChannelName).ToListAsync(ct);
        return Results.Json(rows.Select(PackageQueries.ToSearchResult).ToList(), QuetzJson.Options);
    }

    [GeneratedRegex(@"^[a-z0-9-_\.]*$")]
    private static partial Regex PackageNamePattern();
}
