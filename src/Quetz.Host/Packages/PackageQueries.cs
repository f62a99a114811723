using System.Linq.Expressions;
using System.Text.Json;
using Quetz.Host.Data;
using Quetz.Host.Search;

namespace Quetz.Host.Packages;

/// <summary>Package listings' shared parts: the projection with the current version, ordering and search filters.</summary>
internal static class PackageQueries
{
    /// <summary>
    /// A package with its current version (the one with version order 0) as the database gives it. A class with
    /// init properties, not a positional record, so that EF Core can order by its members.
    /// </summary>
    internal sealed class Row
    {
        public required string ChannelName { get; init; }
        public required string Name { get; init; }
        public string? Summary { get; init; }
        public string? Description { get; init; }
        public string? Url { get; init; }
        public string? Platforms { get; init; }
        public string? CurrentVersion { get; init; }
        public DateTime? LatestChange { get; init; }
    }

    public static IQueryable<Row> Rows(QuetzDbContext db, IQueryable<Package> packages) =>
        packages.Select(p => new Row
        {
            ChannelName = p.ChannelName,
            Name = p.Name,
            Summary = p.Summary,
            Description = p.Description,
            Url = p.Url,
            Platforms = p.Platforms,
            CurrentVersion = db.PackageVersions
                .Where(v => v.ChannelName == p.ChannelName && v.PackageName == p.Name && v.VersionOrder == 0)
                .Select(v => v.Version).FirstOrDefault(),
            LatestChange = db.PackageVersions
                .Where(v => v.ChannelName == p.ChannelName && v.PackageName == p.Name && v.VersionOrder == 0)
                .Select(v => (DateTime?)v.TimeCreated).FirstOrDefault(),
        });

    public static PackageResponse ToResponse(Row r) =>
        new(r.Name, r.Summary, r.Description, r.Url, SplitPlatforms(r.Platforms), r.CurrentVersion, r.LatestChange);

    public static PackageSearchResult ToSearchResult(Row r) =>
        new(r.Name, r.Summary, r.Description, r.Url, SplitPlatforms(r.Platforms), r.CurrentVersion, r.LatestChange, r.ChannelName);

    private static List<string>? SplitPlatforms(string? platforms) =>
        string.IsNullOrEmpty(platforms) ? null : [.. platforms.Split(':', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>
    /// quetz's <c>order_by</c>: comma-separated <c>field[:asc|desc]</c> (descending when no direction is given),
    /// unknown fields ignored, by name when nothing is left. Unlike quetz, <c>latest_change:desc</c> sorts descending.
    /// </summary>
    public static IQueryable<Row> Order(IQueryable<Row> rows, string? orderBy)
    {
        IOrderedQueryable<Row>? ordered = null;
        foreach (var part in (orderBy ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(':', 2);
            var descending = pieces.Length < 2 || !pieces[1].Equals("asc", StringComparison.OrdinalIgnoreCase);
            ordered = pieces[0] switch
            {
                "name" => Then(rows, ordered, r => r.Name, descending),
                "summary" => Then(rows, ordered, r => r.Summary, descending),
                "description" => Then(rows, ordered, r => r.Description, descending),
                "url" => Then(rows, ordered, r => r.Url, descending),
                "platforms" => Then(rows, ordered, r => r.Platforms, descending),
                "channel_name" => Then(rows, ordered, r => r.ChannelName, descending),
                "latest_change" => Then(rows, ordered, r => r.LatestChange, descending),
                "current_version" => Then(rows, ordered, r => r.CurrentVersion, descending),
                _ => ordered,
            };
        }

        return ordered?.ThenBy(r => r.Name) ?? rows.OrderBy(r => r.Name);
    }

    private static IOrderedQueryable<Row> Then<TKey>(IQueryable<Row> rows, IOrderedQueryable<Row>? ordered, Expression<Func<Row, TKey>> key, bool descending) =>
        ordered is null
            ? descending ? rows.OrderByDescending(key) : rows.OrderBy(key)
            : descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key);

    public static IQueryable<Package> NameContains(IQueryable<Package> packages, string? q) =>
        string.IsNullOrEmpty(q) ? packages : packages.Where(p => p.Name.Contains(q));

    public static IQueryable<Package> ApplySearch(IQueryable<Package> packages, SearchQuery query)
    {
        foreach (var keyword in query.Keywords)
        {
            var k = keyword.ToLowerInvariant();
            packages = packages.Where(p => p.Name.ToLower().Contains(k));
        }

        foreach (var keyword in query.ExcludedKeywords)
        {
            var k = keyword.ToLowerInvariant();
            packages = packages.Where(p => !p.Name.ToLower().Contains(k));
        }

        foreach (var filter in query.Filters)
        {
            var values = filter.Values.Select(v => v.ToLowerInvariant()).ToList();
            Expression<Func<Package, bool>>? predicate = filter.Key switch
            {
                "channel" => Predicates.AnyOf(values.Select(v => (Expression<Func<Package, bool>>)(p => p.ChannelName.ToLower().Contains(v)))),
                "description" => Predicates.AnyOf(values.Select(v =>
                    (Expression<Func<Package, bool>>)(p => p.Description != null && p.Description.ToLower().Contains(v)))),
                "summary" => Predicates.AnyOf(values.Select(v =>
                    (Expression<Func<Package, bool>>)(p => p.Summary != null && p.Summary.ToLower().Contains(v)))),
                "platform" => Predicates.AnyOf(values.Select(v =>
                    (Expression<Func<Package, bool>>)(p => p.Platforms != null && p.Platforms.ToLower().Contains(v)))),
                _ => null,
            };
            if (predicate is not null)
            {
                packages = packages.Where(filter.Negate ? Predicates.Not(predicate) : predicate);
            }
        }

        return packages;
    }

    public static PackageVersionResponse ToResponse(PackageVersion v)
    {
        using var info = JsonDocument.Parse(v.Info);
        return new PackageVersionResponse(v.Id, v.ChannelName, v.PackageName, v.Platform, v.Version, v.BuildString, v.BuildNumber,
            v.Filename, info.RootElement.Clone(), new UploaderResponse(v.Uploader?.Profile?.Name, v.Uploader?.Profile?.AvatarUrl ?? ""),
            v.TimeCreated, v.DownloadCount);
    }
}
