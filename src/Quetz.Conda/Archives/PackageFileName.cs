using System.Diagnostics.CodeAnalysis;

namespace Quetz.Conda.Archives;

/// <summary>
/// A package file name, <c>name-version-build.tar.bz2</c> or <c>name-version-build.conda</c>, split as conda
/// and quetz split it: at the last two dashes (<c>rsplit("-", 2)</c>), so the name may contain dashes and the
/// version and build may not.
/// </summary>
/// <param name="Name">The package name, everything before the second-to-last dash.</param>
/// <param name="Version">The version, between the last two dashes.</param>
/// <param name="Build">The build string, after the last dash.</param>
/// <param name="Format">The archive format the extension names.</param>
public sealed record PackageFileName(string Name, string Version, string Build, PackageFormat Format)
{
    /// <summary>The extension of a <see cref="PackageFormat.TarBz2"/> package, <c>.tar.bz2</c>.</summary>
    public const string TarBz2Extension = ".tar.bz2";

    /// <summary>The extension of a <see cref="PackageFormat.Conda"/> package, <c>.conda</c>.</summary>
    public const string CondaExtension = ".conda";

    /// <summary>The extension of this file name's format: <c>.tar.bz2</c> or <c>.conda</c>.</summary>
    public string Extension => ExtensionOf(Format);

    /// <summary>The file name without its extension, <c>name-version-build</c>.</summary>
    public string BaseName => $"{Name}-{Version}-{Build}";

    /// <summary>Splits a package file name; a directory part is not allowed.</summary>
    /// <param name="fileName">A bare file name such as <c>numpy-1.26.4-py312h8753938_0.conda</c>.</param>
    /// <param name="result">The parts, when the name has a package extension and three non-empty parts.</param>
    /// <returns>Whether <paramref name="fileName"/> is a package file name.</returns>
    public static bool TryParse([NotNullWhen(true)] string? fileName, [NotNullWhen(true)] out PackageFileName? result)
    {
        result = null;
        if (string.IsNullOrEmpty(fileName) || fileName.AsSpan().IndexOfAny('/', '\\') >= 0)
        {
            return false;
        }

        PackageFormat format;
        ReadOnlySpan<char> stem;
        if (fileName.EndsWith(CondaExtension, StringComparison.Ordinal))
        {
            format = PackageFormat.Conda;
            stem = fileName.AsSpan(0, fileName.Length - CondaExtension.Length);
        }
        else if (fileName.EndsWith(TarBz2Extension, StringComparison.Ordinal))
        {
            format = PackageFormat.TarBz2;
            stem = fileName.AsSpan(0, fileName.Length - TarBz2Extension.Length);
        }
        else
        {
            return false;
        }

        int buildDash = stem.LastIndexOf('-');
        if (buildDash <= 0)
        {
            return false;
        }

        int versionDash = stem[..buildDash].LastIndexOf('-');
        if (versionDash <= 0 || versionDash + 1 == buildDash || buildDash + 1 == stem.Length)
        {
            return false;
        }

        result = new PackageFileName(
            stem[..versionDash].ToString(),
            stem[(versionDash + 1)..buildDash].ToString(),
            stem[(buildDash + 1)..].ToString(),
            format);
        return true;
    }

    /// <summary>The extension of a format: <c>.tar.bz2</c> or <c>.conda</c>.</summary>
    /// <param name="format">The archive format.</param>
    /// <returns>The extension with its leading dot.</returns>
    public static string ExtensionOf(PackageFormat format) => format switch
    {
        PackageFormat.TarBz2 => TarBz2Extension,
        PackageFormat.Conda => CondaExtension,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown package format."),
    };

    /// <summary>The file name: <c>name-version-build</c> and the extension.</summary>
    /// <returns>The file name.</returns>
    public override string ToString() => BaseName + Extension;
}
