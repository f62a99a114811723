using Quetz.Host.Data;

namespace Quetz.Host.Users;

internal static class UserQueries
{
    public static UserResponse ToResponse(User user) =>
        new(user.Id, user.Username!, new ProfileResponse(user.Profile!.Name, user.Profile.AvatarUrl));

    /// <summary>Members with a username and a profile: scoped API keys' anonymous users stay hidden.</summary>
    public static IQueryable<MemberResponse> ChannelMembers(QuetzDbContext db, string channelName) =>
        db.ChannelMembers
            .Where(m => m.ChannelName == channelName && m.User.Username != null && m.User.Profile != null)
            .OrderBy(m => m.User.Username)
            .Select(m => new MemberResponse(m.Role, new UserResponse(m.User.Id, m.User.Username!,
                new ProfileResponse(m.User.Profile!.Name, m.User.Profile.AvatarUrl))));

    public static IQueryable<MemberResponse> PackageMembers(QuetzDbContext db, string channelName, string packageName) =>
        db.PackageMembers
            .Where(m => m.ChannelName == channelName && m.PackageName == packageName && m.User.Username != null && m.User.Profile != null)
            .OrderBy(m => m.User.Username)
            .Select(m => new MemberResponse(m.Role, new UserResponse(m.User.Id, m.User.Username!,
                new ProfileResponse(m.User.Profile!.Name, m.User.Profile.AvatarUrl))));
}
