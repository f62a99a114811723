namespace Quetz.Conda;

/// <summary>Turns local paths into <c>file://</c> URLs and back, as conda does for package paths.</summary>
internal static class FileUrl
{
    public static string FromPath(string path)
    {
        if (path.StartsWith('~'))
        {
            path = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..];
        }

        string full = Path.GetFullPath(path).Replace('\\', '/');
        return full.StartsWith('/') ? "file://" + full : "file:///" + full;
    }

    /// <summary>The last path segment of a URL, percent-decoded for <c>file://</c> URLs.</summary>
    public static string BaseName(string url)
    {
        string name = url[(url.LastIndexOf('/') + 1)..];
        return url.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? Uri.UnescapeDataString(name) : name;
    }
}
