namespace Quetz.Abstractions.Packages;

/// <summary>One file of a package version, as stored by the host.</summary>
/// <param name="Channel">The channel it belongs to.</param>
/// <param name="PackageName">The package name.</param>
/// <param name="Platform">The subdir, for example <c>linux-64</c> or <c>noarch</c>.</param>
/// <param name="Filename">The file name, for example <c>numpy-2.0.0-py312_0.conda</c>.</param>
/// <param name="Format"><c>tarbz2</c> or <c>conda</c>.</param>
/// <param name="Version">The version string.</param>
/// <param name="BuildString">The build string.</param>
/// <param name="BuildNumber">The build number.</param>
/// <param name="Size">The file's size in bytes.</param>
/// <param name="Sha256">The file's SHA-256, lowercase hex.</param>
/// <param name="Md5">The file's MD5, lowercase hex.</param>
/// <param name="IndexJson">The package's <c>info/index.json</c> as stored.</param>
/// <param name="UploaderId">Who uploaded it, when known.</param>
public sealed record PackageVersionInfo(
    string Channel,
    string PackageName,
    string Platform,
    string Filename,
    string Format,
    string Version,
    string BuildString,
    long BuildNumber,
    long Size,
    string Sha256,
    string Md5,
    string IndexJson,
    Guid? UploaderId)
{
    /// <summary>The file's path in the channel's store: <c>{platform}/{filename}</c>.</summary>
    public string Path => $"{Platform}/{Filename}";
}
