using Microsoft.EntityFrameworkCore;
using Quetz.Host.Data;
using Quetz.Host.Http;
using Quetz.Host.Identity;
using Quetz.Host.Users;

namespace Quetz.Host.Channels;

internal static class ChannelMembersApi
{
    public static void MapChannelMembersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/channels/{channel}/members").WithTags("channels");
        api.MapGet("", ListAsync).Produces<List<MemberResponse>>().ProducesError(401, 403, 404, 405);
        api.MapPost("", AddAsync).AcceptsJson<PostMemberBody>()
            .ProducesNull(StatusCodes.Status201Created).ProducesError(401, 403, 404, 405, 422);
        api.MapDelete("", RemoveAsync).ProducesNull().ProducesError(401, 403, 404, 405);
    }


    private static async Task<IResult> ListAsync(string channel, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var found = await ChannelLookup.GetReadableAsync(db, rules, channel, ct, "local", "mirror");
        await rules.RequireChannelRoleAsync(found.Name, Roles.OwnerOrMaintainer, ct);
        return Results.Json(await UserQueries.ChannelMembers(db, found.Name).ToListAsync(ct), QuetzJson.Options);
    }

    private static async Task<IResult> AddAsync(string channel, HttpRequest request, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var found = await ChannelLookup.GetReadableAsync(db, rules, channel, ct, "local", "mirror");
        var (username, role) = await MemberInput.ReadAsync(request, ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Username == username, ct)
            ?? throw ApiException.NotFound($"user {username} not found");
        await rules.RequireChannelRoleAsync(found.Name, Roles.OwnerOrMaintainer, ct);
        await rules.RequireChannelRoleAsync(found.Name, [Roles.Owner], ct);

        var member = await db.ChannelMembers.FirstOrDefaultAsync(m => m.ChannelName == found.Name && m.UserId == user.Id, ct);
        if (member is null)
        {
            db.ChannelMembers.Add(new ChannelMember { ChannelName = found.Name, UserId = user.Id, Role = role });
        }
        else
        {
            member.Role = role;
        }

        await db.SaveChangesAsync(ct);
        return QuetzResults.Null(StatusCodes.Status201Created);
    }

    private static async Task<IResult> RemoveAsync(string channel, HttpRequest request, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var found = await ChannelLookup.GetReadableAsync(db, rules, channel, ct, "local", "mirror");
        var username = QueryValues.Required(request, "username");
        var user = await db.Users.FirstOrDefaultAsync(u => u.Username == username, ct)
            ?? throw ApiException.NotFound($"user {username} not found");

        // Membership is only revealed to those who may list the members (quetz checks in this order).
        await rules.RequireChannelRoleAsync(found.Name, Roles.OwnerOrMaintainer, ct);
        var member = await db.ChannelMembers.FirstOrDefaultAsync(m => m.ChannelName == found.Name && m.UserId == user.Id, ct)
            ?? throw ApiException.NotFound($"user {username} is not a member of channel {found.Name}");
        await rules.RequireChannelRoleAsync(found.Name, [Roles.Owner], ct);
        db.ChannelMembers.Remove(member);
        await db.SaveChangesAsync(ct);
        return QuetzResults.Null();
    }
}
