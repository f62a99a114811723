namespace Quetz.Conda;

/// <summary>Conda package file names: <c>name-version-build.conda</c> or <c>.tar.bz2</c>.</summary>
internal static class PackageFileNames
{
    public const string CondaExtension = ".conda";
    public const string TarBz2Extension = ".tar.bz2";

    public static bool HasPackageExtension(string fileName) =>
        fileName.EndsWith(CondaExtension, StringComparison.Ordinal) || fileName.EndsWith(TarBz2Extension, StringComparison.Ordinal);

    /// <summary>Splits <c>name-version-build[.ext]</c> at its last two dashes.</summary>
    public static bool TrySplit(string fileName, out string name, out string version, out string build)
    {
        string stem = fileName.EndsWith(CondaExtension, StringComparison.Ordinal) ? fileName[..^CondaExtension.Length]
            : fileName.EndsWith(TarBz2Extension, StringComparison.Ordinal) ? fileName[..^TarBz2Extension.Length]
            : fileName;
        int buildDash = stem.LastIndexOf('-');
        int versionDash = buildDash > 0 ? stem.LastIndexOf('-', buildDash - 1) : -1;
        if (versionDash < 0)
        {
            name = version = build = string.Empty;
            return false;
        }

        name = stem[..versionDash];
        version = stem[(versionDash + 1)..buildDash];
        build = stem[(buildDash + 1)..];
        return true;
    }
}
