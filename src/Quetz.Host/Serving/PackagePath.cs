namespace Quetz.Host.Serving;

/// <summary>Channel paths of package files: <c>{subdir}/{name}-{version}-{build}.tar.bz2|.conda</c>.</summary>
internal static class PackagePath
{
    public static bool IsPackage(string path) =>
        path.EndsWith(".tar.bz2", StringComparison.Ordinal) || path.EndsWith(".conda", StringComparison.Ordinal);

    public static (string Subdir, string FileName) Split(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? ("", path) : (path[..slash], path[(slash + 1)..]);
    }
}
