using System.Globalization;
using System.Text.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Quetz.Host.Channels;
using Quetz.Host.Data;
using Quetz.Host.Http;
using Quetz.Host.Identity;
using Quetz.Host.Users;

namespace Quetz.Host.ApiKeys;

internal static class ApiKeysApi
{
    /// <summary>quetz's body for writes that return nothing: JSON <c>null</c>. Results.Json writes no body at all for a null value.</summary>

    public static void MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/api-keys").WithTags("api-keys");
        api.MapGet("", ListAsync).WithSummary("The caller's keys, with the keys themselves.")
            .Produces<List<ApiKeyResponse>>().ProducesError(401);
        api.MapPost("", CreateAsync).AcceptsJson<ApiKeyBody>()
            .Produces<ApiKeyResponse>(StatusCodes.Status201Created).ProducesError(401, 403, 404, 422);
        api.MapDelete("/{key}", DeleteAsync).ProducesNull().ProducesError(401, 403, 404);
    }

    /// <summary>
    /// Keys the caller owns. The owner is the permission identity, so a scoped key never lists (and so never
    /// learns) its creator's other keys.
    /// </summary>
    private static async Task<IResult> ListAsync(QuetzDbContext db, AccessRules rules, ApiKeyProtector protector, CancellationToken ct)
    {
        var me = await rules.RequireUserAsync(ct);
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.OwnerId == me && !k.Deleted).OrderBy(k => k.TimeCreated).ThenBy(k => k.Id)
            .ToListAsync(ct);
        var scopedUsers = keys.Where(k => k.UserId != me).Select(k => k.UserId).ToList();
        var channelRoles = await db.ChannelMembers.AsNoTracking().Where(m => scopedUsers.Contains(m.UserId)).ToListAsync(ct);
        var packageRoles = await db.PackageMembers.AsNoTracking().Where(m => scopedUsers.Contains(m.UserId)).ToListAsync(ct);

        var result = new List<ApiKeyResponse>();
        foreach (var key in keys)
        {
            if (protector.Unprotect(key.ProtectedKey) is not { } plain)
            {
                continue;
            }

            List<CpRole>? roles = key.UserId == me
                ? null
                : [.. channelRoles.Where(m => m.UserId == key.UserId).Select(m => new CpRole(m.ChannelName, null, m.Role)),
                   .. packageRoles.Where(m => m.UserId == key.UserId).Select(m => new CpRole(m.ChannelName, m.PackageName, m.Role))];
            result.Add(new ApiKeyResponse(key.Description, key.TimeCreated, key.ExpireAt, roles, plain));
        }

        return Results.Json(result, QuetzJson.Options);
    }

    private static async Task<IResult> CreateAsync(
        HttpRequest request, QuetzDbContext db, AccessRules rules, ApiKeyProtector protector, TimeProvider time, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync(request, ct);
        var description = body.RequiredString("description");
        var expireAt = ReadDate(body, "expire_at");
        var me = await rules.RequireUserAsync(ct);
        var roles = await ReadRolesAsync(body, db, ct);
        foreach (var role in roles)
        {
            await RequireGrantAsync(role, rules, ct);
        }

        var key = ApiKeyProtector.NewKey();
        var keyUserId = me;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (roles.Count > 0)
        {
            var keyUser = new User();
            db.Users.Add(keyUser);
            keyUserId = keyUser.Id;
            foreach (var role in roles)
            {
                if (role.Package is null)
                {
                    db.ChannelMembers.Add(new ChannelMember { ChannelName = role.Channel, UserId = keyUserId, Role = role.Role });
                }
                else
                {
                    db.PackageMembers.Add(new PackageMember { ChannelName = role.Channel, PackageName = role.Package, UserId = keyUserId, Role = role.Role });
                }
            }
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        db.ApiKeys.Add(new ApiKey
        {
            LookupHash = ApiKeyProtector.LookupHash(key),
            ProtectedKey = protector.Protect(key),
            Description = description,
            TimeCreated = today,
            ExpireAt = expireAt,
            UserId = keyUserId,
            OwnerId = me,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Results.Json(new ApiKeyResponse(description, today, expireAt, roles.Count == 0 ? null : roles, key), QuetzJson.Options,
            statusCode: StatusCodes.Status201Created);
    }

    private static DateOnly? ReadDate(JsonBody body, string name)
    {
        var text = body.String(name);
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw ApiException.Invalid(["body", name], "Input should be a valid date in the format YYYY-MM-DD", "date_from_datetime_parsing", text);
    }

    /// <summary>
    /// Every role is checked (quetz stops at the first role without a channel); channel and package names are
    /// resolved to their stored case, and must exist; a channel or package appears at most once.
    /// </summary>
    private static async Task<List<CpRole>> ReadRolesAsync(JsonBody body, QuetzDbContext db, CancellationToken ct)
    {
        var roles = new List<CpRole>();
        if (body.Element("roles") is not { } element)
        {
            return roles;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.Invalid(["body", "roles"], "Input should be a valid list", "list_type");
        }

        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            object[] loc = ["body", "roles", i];
            string? Field(string name) =>
                item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

            var channelName = Field("channel");
            var role = Field("role");
            var package = Field("package");
            if (string.IsNullOrEmpty(channelName))
            {
                throw ApiException.Invalid([.. loc, "channel"], "Field required", "missing");
            }

            if (role is null || !MemberInput.RolePattern().IsMatch(role))
            {
                throw ApiException.Invalid([.. loc, "role"], "String should match pattern '^(owner|maintainer|member)$'", "string_pattern_mismatch", role);
            }

            var channel = await ChannelLookup.GetAsync(db, channelName, ct);
            if (!string.IsNullOrEmpty(package) && !await db.Packages.AnyAsync(p => p.ChannelName == channel.Name && p.Name == package, ct))
            {
                throw ApiException.NotFound($"Package {channel.Name}/{package} not found");
            }

            var scoped = new CpRole(channel.Name, string.IsNullOrEmpty(package) ? null : package, role);
            if (roles.Any(r => r.Channel == scoped.Channel && r.Package == scoped.Package))
            {
                // The key's holder can be a member of a channel or package once; quetz fails on the insert (500).
                var target = scoped.Package is null ? scoped.Channel : $"{scoped.Channel}/{scoped.Package}";
                throw ApiException.Invalid(loc, $"Value error, more than one role for {target}", "value_error");
            }

            roles.Add(scoped);
            i++;
        }

        return roles;
    }

    /// <summary>One may hand out a role only as far as one holds it (quetz's assert_create_api_key_roles).</summary>
    private static async Task RequireGrantAsync(CpRole role, AccessRules rules, CancellationToken ct)
    {
        string[] needed = role.Role == Roles.Owner ? [Roles.Owner] : Roles.OwnerOrMaintainer;
        var allowed = role.Package is null
            ? await rules.HasChannelRoleAsync(role.Channel, needed, ct)
            : await rules.HasChannelOrPackageRoleAsync(role.Channel, role.Package, Roles.OwnerOrMaintainer, needed, ct);
        if (!allowed)
        {
            throw ApiException.Forbidden();
        }
    }

    private static async Task<IResult> DeleteAsync(string key, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var hash = ApiKeyProtector.LookupHash(key);
        var row = await db.ApiKeys.FirstOrDefaultAsync(k => k.LookupHash == hash && !k.Deleted, ct)
            ?? throw ApiException.NotFound($"key '{key}' does not exist");
        var me = await rules.RequireUserAsync(ct);
        if (row.UserId != me && row.OwnerId != me && !await rules.IsElevatedAsync(ct))
        {
            throw ApiException.Forbidden();
        }

        row.Deleted = true;
        await db.SaveChangesAsync(ct);
        return QuetzResults.Null();
    }
}
