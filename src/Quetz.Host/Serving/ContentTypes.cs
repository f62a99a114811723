namespace Quetz.Host.Serving;

internal static class ContentTypes
{
    public static string For(string path) => path switch
    {
        _ when path.EndsWith(".json", StringComparison.Ordinal) => "application/json",
        _ when path.EndsWith(".html", StringComparison.Ordinal) => "text/html; charset=utf-8",
        _ when path.EndsWith(".zst", StringComparison.Ordinal) => "application/zstd",
        _ when path.EndsWith(".bz2", StringComparison.Ordinal) => "application/x-bzip2",
        _ when path.EndsWith(".gz", StringComparison.Ordinal) => "application/gzip",
        _ when path.EndsWith(".msgpack", StringComparison.Ordinal) => "application/x-msgpack",
        _ when path.EndsWith(".png", StringComparison.Ordinal) => "image/png",
        _ => "application/octet-stream",
    };
}
