namespace Quetz.Host.Serving;

/// <summary>quetz's metric buckets: H(our), D(ay), M(onth), Y(ear), each starting at the truncated timestamp.</summary>
internal static class MetricPeriods
{
    public const string DownloadMetric = "download";
    public static readonly string[] All = ["H", "D", "M", "Y"];

    public static bool IsValid(string period) => All.Contains(period);

    public static DateTime BucketStart(string period, DateTime utc) => period switch
    {
        "H" => new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc),
        "D" => new DateTime(utc.Year, utc.Month, utc.Day, 0, 0, 0, DateTimeKind.Utc),
        "M" => new DateTime(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc),
        _ => new DateTime(utc.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc),
    };

    public static DateTime Next(string period, DateTime bucket) => period switch
    {
        "H" => bucket.AddHours(1),
        "D" => bucket.AddDays(1),
        "M" => bucket.AddMonths(1),
        _ => bucket.AddYears(1),
    };
}
