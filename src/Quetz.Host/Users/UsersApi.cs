using System.Text;
using Microsoft.EntityFrameworkCore;
using Quetz.Host.Channels;
using Quetz.Host.Data;
using Quetz.Host.Http;
using Quetz.Host.Identity;
using Quetz.Host.Packages;

namespace Quetz.Host.Users;

internal static class UsersApi
{
    /// <summary>quetz's body for writes that return nothing: JSON <c>null</c>. Results.Json writes no body at all for a null value.</summary>

    public static void MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("users");
        api.MapGet("/me", MeAsync).WithSummary("The logged-in user's profile (session or API key).")
            .Produces<MeResponse>().ProducesError(401);
        api.MapGet("/users", ListAsync).Produces<List<UserResponse>>().ProducesError(401);
        api.MapGet("/paginated/users", ListPaginatedAsync).Produces<Paginated<UserResponse>>().ProducesError(401);
        api.MapGet("/users/{username}", GetAsync).Produces<UserResponse>().ProducesError(401, 403, 404);
        api.MapDelete("/users/{username}", DeleteAsync).ProducesNull().ProducesError(401, 403, 404);
        api.MapGet("/users/{username}/role", GetRoleAsync).Produces<UserRoleResponse>().ProducesError(401, 403, 404);
        api.MapPut("/users/{username}/role", SetRoleAsync).AcceptsJson<UserRoleBody>()
            .ProducesNull().ProducesError(401, 403, 404, 422);
        api.MapGet("/users/{username}/channels", ChannelsAsync).Produces<List<ChannelRoleResponse>>().ProducesError(401, 403, 404);
        api.MapGet("/paginated/users/{username}/channels", ChannelsPaginatedAsync)
            .Produces<Paginated<ChannelRoleResponse>>().ProducesError(401, 403, 404);
        api.MapGet("/users/{username}/packages", PackagesAsync).Produces<List<PackageRoleResponse>>().ProducesError(401, 403, 404);
        api.MapGet("/paginated/users/{username}/packages", PackagesPaginatedAsync)
            .Produces<Paginated<PackageRoleResponse>>().ProducesError(401, 403, 404);
    }

    private static async Task<IResult> MeAsync(QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var ownerId = await rules.RequireOwnerAsync(ct);
        var user = await db.Users.AsNoTracking().Include(u => u.Profile).FirstAsync(u => u.Id == ownerId, ct);
        return Results.Json(new MeResponse(user.Profile?.Name, user.Profile?.AvatarUrl ?? "", new MeUser(user.Id, user.Username)),
            QuetzJson.Options);
    }

    private static async Task<IQueryable<User>> ListableAsync(HttpRequest request, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var me = await rules.RequireUserAsync(ct);
        var users = db.Users.AsNoTracking().Include(u => u.Profile).Where(u => u.Username != null && u.Profile != null);
        if (QueryValues.String(request, "q") is { Length: > 0 } q)
        {
            var lowered = q.ToLowerInvariant();
            users = users.Where(u => u.Username!.ToLower().Contains(lowered));
        }

        if (!await rules.IsElevatedAsync(ct))
        {
            users = users.Where(u => u.Id == me);
        }

        return users.OrderBy(u => u.Username);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var users = await (await ListableAsync(request, db, rules, ct)).ToListAsync(ct);
        return Results.Json(users.Select(UserQueries.ToResponse).ToList(), QuetzJson.Options);
    }

    private static async Task<IResult> ListPaginatedAsync(HttpRequest request, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var page = PageRequest.From(request);
        var users = await ListableAsync(request, db, rules, ct);
        var total = await users.CountAsync(ct);
        var result = await page.Apply(users).ToListAsync(ct);
        return Results.Json(Paginated<UserResponse>.Of(page, total, result.Select(UserQueries.ToResponse).ToList()), QuetzJson.Options);
    }

    /// <summary>
    /// The named user, after the self-or-elevated check. As in quetz, a user without a profile (deleted) is 404 on
    /// every user route except the role ones (<paramref name="needProfile"/> false).
    /// </summary>
    private static async Task<User> UserAsync(string username, QuetzDbContext db, AccessRules rules, bool needProfile, CancellationToken ct)
    {
        var user = await db.Users.Include(u => u.Profile).FirstOrDefaultAsync(u => u.Username == username, ct);
        if (user is null || (needProfile && user.Profile is null))
        {
            throw ApiException.NotFound($"User {username} not found");
        }

        await rules.RequireSelfOrElevatedAsync(user.Id, ct);
        return user;
    }

    private static async Task<IResult> GetAsync(string username, QuetzDbContext db, AccessRules rules, CancellationToken ct) =>
        Results.Json(UserQueries.ToResponse(await UserAsync(username, db, rules, needProfile: true, ct)), QuetzJson.Options);

    /// <summary>Removes what lets the user in (profile, identities, API keys); roles and memberships stay.</summary>
    private static async Task<IResult> DeleteAsync(string username, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var user = await UserAsync(username, db, rules, needProfile: true, ct);
        await db.Profiles.Where(p => p.UserId == user.Id).ExecuteDeleteAsync(ct);
        await db.Identities.Where(i => i.UserId == user.Id).ExecuteDeleteAsync(ct);
        await db.ApiKeys.Where(k => k.UserId == user.Id || k.OwnerId == user.Id).ExecuteDeleteAsync(ct);
        return QuetzResults.Null();
    }

    private static async Task<IResult> GetRoleAsync(string username, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var user = await UserAsync(username, db, rules, needProfile: false, ct);
        return Results.Json(new UserRoleResponse(user.Role), QuetzJson.Options);
    }

    /// <summary>
    /// Owner and maintainer roles are given by server owners, member by owners and maintainers. Changing a role
    /// needs the right to give both the old and the new one, so a maintainer cannot demote an owner and nobody
    /// anonymous can strip roles (quetz checks nothing for null).
    /// </summary>
    private static async Task<IResult> SetRoleAsync(string username, HttpRequest request, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Username == username, ct)
            ?? throw ApiException.NotFound($"User {username} not found");
        var body = await JsonBody.ReadAsync(request, ct);
        if (!body.Has("role"))
        {
            throw ApiException.Invalid(["body", "role"], "Field required", "missing");
        }

        var role = body.String("role", pattern: MemberInput.RolePattern());
        string[] required = role is Roles.Owner or Roles.Maintainer || user.Role is Roles.Owner or Roles.Maintainer
            ? [Roles.Owner]
            : Roles.OwnerOrMaintainer;
        await rules.RequireServerRolesAsync(required, ct);
        user.Role = role;
        await db.SaveChangesAsync(ct);
        return QuetzResults.Null();
    }

    private static async Task<IQueryable<ChannelRoleResponse>> ChannelRolesAsync(string username, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var user = await UserAsync(username, db, rules, needProfile: true, ct);
        return db.ChannelMembers.Where(m => m.UserId == user.Id).OrderBy(m => m.ChannelName)
            .Select(m => new ChannelRoleResponse(m.ChannelName, m.Role));
    }

    private static async Task<IResult> ChannelsAsync(string username, QuetzDbContext db, AccessRules rules, CancellationToken ct) =>
        Results.Json(await (await ChannelRolesAsync(username, db, rules, ct)).ToListAsync(ct), QuetzJson.Options);

    private static async Task<IResult> ChannelsPaginatedAsync(string username, HttpRequest request, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var page = PageRequest.From(request);
        var roles = await ChannelRolesAsync(username, db, rules, ct);
        return Results.Json(Paginated<ChannelRoleResponse>.Of(page, await roles.CountAsync(ct), await page.Apply(roles).ToListAsync(ct)),
            QuetzJson.Options);
    }

    private static async Task<IQueryable<PackageRoleResponse>> PackageRolesAsync(string username, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var user = await UserAsync(username, db, rules, needProfile: true, ct);
        return db.PackageMembers.Where(m => m.UserId == user.Id).OrderBy(m => m.ChannelName).ThenBy(m => m.PackageName)
            .Select(m => new PackageRoleResponse(m.PackageName, m.ChannelName, m.Role));
    }

    private static async Task<IResult> PackagesAsync(string username, QuetzDbContext db, AccessRules rules, CancellationToken ct) =>
        Results.Json(await (await PackageRolesAsync(username, db, rules, ct)).ToListAsync(ct), QuetzJson.Options);

    private static async Task<IResult> PackagesPaginatedAsync(string username, HttpRequest request, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var page = PageRequest.From(request);
        var roles = await PackageRolesAsync(username, db, rules, ct);
        return Results.Json(Paginated<PackageRoleResponse>.Of(page, await roles.CountAsync(ct), await page.Apply(roles).ToListAsync(ct)),
            QuetzJson.Options);
    }
}
