using Microsoft.EntityFrameworkCore;
using Quetz.Host.Data;
using Quetz.Host.Http;
using Quetz.Host.Identity;

namespace Quetz.Host.Channels;

/// <summary>Finds a channel by name, case-insensitively, and checks which channel kinds a route accepts.</summary>
internal static class ChannelLookup
{
    public static async Task<Channel> GetAsync(QuetzDbContext db, string name, CancellationToken ct, bool tracking = false)
    {
        var normalized = Channel.Normalize(name);
        var query = tracking ? db.Channels : db.Channels.AsNoTracking();
        return await query.FirstOrDefaultAsync(c => c.NormalizedName == normalized, ct)
            ?? throw ApiException.NotFound($"Channel {name} not found");
    }

    /// <summary>The channel behind a route, after quetz's 404, read and channel-kind checks, in that order.</summary>
    public static async Task<Channel> GetReadableAsync(QuetzDbContext db, AccessRules rules, string name, CancellationToken ct, params string[] kinds)
    {
        var found = await GetAsync(db, name, ct);
        await rules.RequireChannelReadAsync(found, ct);
        RequireKind(found, kinds);
        return found;
    }

    public static string Kind(Channel channel) => channel.MirrorMode switch
    {
        "proxy" => "proxy",
        "mirror" => "mirror",
        _ => "local",
    };

    /// <summary>405 "This method is not implemented for {kind} channels" when the route does not serve this kind.</summary>
    public static void RequireKind(Channel channel, params string[] allowed)
    {
        var kind = Kind(channel);
        if (!allowed.Contains(kind))
        {
            throw new ApiException(StatusCodes.Status405MethodNotAllowed, $"This method is not implemented for {kind} channels");
        }
    }
}
