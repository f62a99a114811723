using System.Linq.Expressions;
using Quetz.Host.Data;
using Quetz.Host.Search;

namespace Quetz.Host.Channels;

/// <summary>The channel listings' shared parts: who sees what, and the JSON projection.</summary>
internal static class ChannelQueries
{
    /// <summary>
    /// Public channels (when <paramref name="includePublic"/>) plus the channels the caller is a member of.
    /// As in quetz, server owners do not see private channels they are not members of in listings, and
    /// anonymous callers always get the public channels: quetz ignores <c>public</c> for them.
    /// </summary>
    public static IQueryable<Channel> Visible(QuetzDbContext db, Guid? userId, bool includePublic)
    {
        if (userId is null)
        {
            return db.Channels.Where(c => !c.Private);
        }

        var memberOf = db.ChannelMembers.Where(m => m.UserId == userId).Select(m => m.ChannelName);
        return includePublic
            ? db.Channels.Where(c => !c.Private || memberOf.Contains(c.Name))
            : db.Channels.Where(c => memberOf.Contains(c.Name));
    }

    public static IQueryable<Channel> NameContains(IQueryable<Channel> channels, string? q) =>
        string.IsNullOrEmpty(q) ? channels : channels.Where(c => c.NormalizedName.Contains(q.ToLowerInvariant()));

    public static IQueryable<ChannelResponse> Project(QuetzDbContext db, IQueryable<Channel> channels) =>
        channels.OrderBy(c => c.Name).Select(c => new ChannelResponse(
            c.Name, c.Description, c.Private, c.SizeLimit, c.Ttl, c.MirrorChannelUrl, c.MirrorMode,
            db.ChannelMembers.Count(m => m.ChannelName == c.Name),
            db.Packages.Count(p => p.ChannelName == c.Name)));

    public static IQueryable<Channel> ApplySearch(IQueryable<Channel> channels, SearchQuery query)
    {
        foreach (var keyword in query.Keywords)
        {
            var k = keyword.ToLowerInvariant();
            channels = channels.Where(c => c.NormalizedName.Contains(k));
        }

        foreach (var keyword in query.ExcludedKeywords)
        {
            var k = keyword.ToLowerInvariant();
            channels = channels.Where(c => !c.NormalizedName.Contains(k));
        }

        foreach (var filter in query.Filters)
        {
            Expression<Func<Channel, bool>>? predicate = filter.Key switch
            {
                "description" => Predicates.AnyOf(filter.Values.Select(v => v.ToLowerInvariant())
                    .Select(v => (Expression<Func<Channel, bool>>)(c => c.Description != null && c.Description.ToLower().Contains(v)))),
                "private" => Predicates.AnyOf(filter.Values.Select(Config.QuetzConfigLoader.ParseBool).Where(b => b is not null)
                    .Select(b => (Expression<Func<Channel, bool>>)(c => c.Private == b!.Value))),
                _ => null,
            };
            if (predicate is not null)
            {
                channels = channels.Where(filter.Negate ? Predicates.Not(predicate) : predicate);
            }
        }

        return channels;
    }
}
