using System.Text.Json.Nodes;

namespace Quetz.Conda.Archives;

/// <summary>
/// What quetz reads from a package: the JSON documents under <c>info/</c>, the file list and the icon.
/// <see cref="PackageReader.ReadAsync(Stream, PackageFormat, ArchiveLimits?, CancellationToken)"/> returns one
/// whose <see cref="Index"/> has passed <see cref="PackageIndex.Validate"/>.
/// </summary>
public sealed class PackageMetadata
{
    /// <summary><c>info/index.json</c>, as stored in the package (the repodata record before sizes and hashes are added).</summary>
    public required JsonObject Index { get; init; }

    /// <summary><c>info/about.json</c>, or null when the package has none.</summary>
    public JsonObject? About { get; init; }

    /// <summary><c>info/run_exports.json</c>, or null when the package has none.</summary>
    public JsonObject? RunExports { get; init; }

    /// <summary><c>info/paths.json</c>, or null when the package has none.</summary>
    public JsonObject? Paths { get; init; }

    /// <summary>
    /// The non-empty lines of <c>info/files</c>; when the package has no such member, the <c>_path</c> of every
    /// entry of <c>info/paths.json</c>; otherwise empty.
    /// </summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>The bytes of <c>info/icon.png</c>, or null when the package has none.</summary>
    public byte[]? Icon { get; init; }

    /// <summary>The package name, <c>name</c> of index.json.</summary>
    /// <exception cref="InvalidPackageException">index.json has no string <c>name</c>.</exception>
    public string Name => PackageIndex.GetName(Index);

    /// <summary>The version, <c>version</c> of index.json.</summary>
    /// <exception cref="InvalidPackageException">index.json has no string <c>version</c>.</exception>
    public string Version => PackageIndex.GetVersion(Index);

    /// <summary>The build string, <c>build</c> of index.json.</summary>
    /// <exception cref="InvalidPackageException">index.json has no string <c>build</c>.</exception>
    public string Build => PackageIndex.GetBuild(Index);

    /// <summary>The build number, <c>build_number</c> of index.json (0 when absent).</summary>
    /// <exception cref="InvalidPackageException"><c>build_number</c> is not an integer.</exception>
    public int BuildNumber => PackageIndex.GetBuildNumber(Index);

    /// <summary>
    /// The subdir (platform) the package belongs to: <c>subdir</c> of index.json; for old packages without one,
    /// quetz's rule: <c>arch</c> <c>x86_64</c> gives <c>{platform}-64</c>, and no <c>arch</c> and no
    /// <c>platform</c> gives <c>noarch</c>.
    /// </summary>
    /// <exception cref="InvalidPackageException">The subdir cannot be told.</exception>
    public string Subdir => PackageIndex.GetSubdir(Index);

    /// <summary>The file name this package's metadata implies, <c>name-version-build</c> plus the extension.</summary>
    /// <param name="format">The archive format.</param>
    /// <returns>For example <c>test-package-0.1-0.tar.bz2</c>.</returns>
    public string ExpectedFileName(PackageFormat format) =>
        $"{Name}-{Version}-{Build}{PackageFileName.ExtensionOf(format)}";
}
