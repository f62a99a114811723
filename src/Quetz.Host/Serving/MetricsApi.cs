using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Quetz.Host.Channels;
using Quetz.Host.Data;
using Quetz.Host.Http;
using Quetz.Host.Identity;
using Quetz.Host.Packages;

namespace Quetz.Host.Serving;

/// <summary>quetz's download metrics (§2.9), behind the channel read check (quetz checks nothing on the channel route).</summary>
internal static class MetricsApi
{
    internal sealed record SeriesPoint(DateTime Timestamp, int Count);

    internal sealed record VersionMetrics(DateTime ServerTimestamp, string Period, string MetricName, int Total, List<SeriesPoint> Series);

    internal sealed record ChannelMetrics(DateTime ServerTimestamp, string Period, string MetricName, Dictionary<string, PackageSeries> Packages);

    internal sealed record PackageSeries(List<SeriesPoint> Series);

    public static void MapMetricsApi(this IEndpointRouteBuilder app)
    {
        var metrics = app.MapGroup("/metrics/channels/{channel}").WithTags("metrics");
        metrics.MapGet("", ChannelAsync).WithSummary("Download series of every file of the channel, keyed \"platform/filename\".")
            .Produces<ChannelMetrics>().ProducesError(401, 403, 404, 422);
        metrics.MapGet("/packages/{package}/versions/{platform}/{filename}", VersionAsync)
            .Produces<VersionMetrics>().ProducesError(401, 403, 404, 422);
    }

    private static (string Period, string Metric, DateTime? Start, DateTime? End) Query(HttpRequest request)
    {
        var period = QueryValues.String(request, "period") ?? "D";
        if (!MetricPeriods.IsValid(period))
        {
            throw ApiException.Invalid(["query", "period"], "Input should be 'H', 'D', 'M' or 'Y'", "enum", period);
        }

        return (period, QueryValues.String(request, "metric_name") ?? MetricPeriods.DownloadMetric, Date(request, "start"), Date(request, "end"));
    }

    private static DateTime? Date(HttpRequest request, string name)
    {
        var text = QueryValues.String(request, name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw ApiException.Invalid(["query", name], "Input should be a valid datetime", "datetime_from_date_parsing", text);
    }

    private static IQueryable<AggregatedMetric> Filter(IQueryable<AggregatedMetric> metrics, string period, string metric, DateTime? start, DateTime? end)
    {
        metrics = metrics.Where(m => m.Period == period && m.MetricName == metric);
        if (start is { } s)
        {
            metrics = metrics.Where(m => m.Timestamp >= s);
        }

        if (end is { } e)
        {
            metrics = metrics.Where(m => m.Timestamp < e);
        }

        return metrics.OrderBy(m => m.Timestamp);
    }

    private static async Task<IResult> ChannelAsync(string channel, HttpRequest request, QuetzDbContext db, AccessRules rules,
        TimeProvider time, CancellationToken ct)
    {
        var found = await ChannelLookup.GetAsync(db, channel, ct);
        await rules.RequireChannelReadAsync(found, ct);
        var (period, metric, start, end) = Query(request);
        var platform = QueryValues.String(request, "platform");
        var rows = Filter(db.AggregatedMetrics.Where(m => m.ChannelName == found.Name), period, metric, start, end);
        if (!string.IsNullOrEmpty(platform))
        {
            rows = rows.Where(m => m.Platform == platform);
        }

        var packages = (await rows.ToListAsync(ct))
            .GroupBy(m => $"{m.Platform}/{m.Filename}")
            .ToDictionary(g => g.Key, g => new PackageSeries(g.Select(m => new SeriesPoint(m.Timestamp, m.Count)).ToList()));
        return Results.Json(new ChannelMetrics(time.GetUtcNow().UtcDateTime, period, metric, packages), QuetzJson.Options);
    }

    private static async Task<IResult> VersionAsync(string channel, string package, string platform, string filename, HttpRequest request,
        QuetzDbContext db, AccessRules rules, TimeProvider time, CancellationToken ct)
    {
        var (found, pkg) = await PackageLookup.GetReadableAsync(db, rules, channel, package, ct);
        if (!await db.PackageVersions.AnyAsync(v => v.ChannelName == found.Name && v.PackageName == pkg.Name && v.Platform == platform && v.Filename == filename, ct))
        {
            throw ApiException.NotFound($"package version {platform}/{filename} not found");
        }

        var (period, metric, start, end) = Query(request);
        var points = await Filter(db.AggregatedMetrics.Where(m => m.ChannelName == found.Name && m.Platform == platform && m.Filename == filename),
                period, metric, start, end)
            .Select(m => new SeriesPoint(m.Timestamp, m.Count)).ToListAsync(ct);
        if (QueryValues.Bool(request, "fill_zeros", false))
        {
            points = FillZeros(points, period, start, end);
        }

        return Results.Json(new VersionMetrics(time.GetUtcNow().UtcDateTime, period, metric, points.Sum(p => p.Count), points), QuetzJson.Options);
    }

    /// <summary>Every bucket between start and end (or the data's own bounds) with 0 where nothing was counted.</summary>
    private static List<SeriesPoint> FillZeros(List<SeriesPoint> points, string period, DateTime? start, DateTime? end)
    {
        if (points.Count == 0 && (start is null || end is null))
        {
            return points;
        }

        var first = MetricPeriods.BucketStart(period, start ?? points[0].Timestamp);
        var last = end ?? MetricPeriods.Next(period, points[^1].Timestamp);
        var counts = points.ToDictionary(p => p.Timestamp, p => p.Count);
        var filled = new List<SeriesPoint>();
        for (var bucket = first; bucket < last && filled.Count < 100_000; bucket = MetricPeriods.Next(period, bucket))
        {
            filled.Add(new SeriesPoint(bucket, counts.GetValueOrDefault(bucket)));
        }

        return filled;
    }
}
