namespace Quetz.Host.Storage;

/// <summary>Keeps store paths inside their channel: no empty, '.', '..' or hidden segments, no absolute paths.</summary>
internal static class StorePaths
{
    public static string RequireRelative(string path)
    {
        var segments = path.Split('/');
        foreach (var segment in segments)
        {
            RequireSegment(segment, nameof(path));
        }

        return Path.Combine(segments);
    }

    public static void RequireSegment(string segment, string what)
    {
        if (segment.Length == 0 || segment[0] == '.' || segment.Contains('\\', StringComparison.Ordinal) || segment.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{segment}' is not a valid store path segment", what);
        }
    }
}
