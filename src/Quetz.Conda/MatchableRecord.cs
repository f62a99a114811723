namespace Quetz.Conda;

/// <summary>The package fields a <see cref="MatchSpec"/> can test.</summary>
/// <param name="Name">The package name.</param>
/// <param name="Version">The version string.</param>
/// <param name="Build">The build string.</param>
/// <param name="BuildNumber">The build number.</param>
public sealed record MatchableRecord(string Name, string Version, string Build, long BuildNumber)
{
    /// <summary>The channel: a name (<c>conda-forge</c>) or URL; <c>null</c> when unknown.</summary>
    public string? Channel { get; init; }

    /// <summary>The subdir, e.g. <c>linux-64</c> or <c>noarch</c>.</summary>
    public string? Subdir { get; init; }

    /// <summary>The MD5 checksum of the package file, in hex.</summary>
    public string? Md5 { get; init; }

    /// <summary>The SHA-256 checksum of the package file, in hex.</summary>
    public string? Sha256 { get; init; }

    /// <summary>The license.</summary>
    public string? License { get; init; }

    /// <summary>The license family.</summary>
    public string? LicenseFamily { get; init; }

    /// <summary>The package URL.</summary>
    public string? Url { get; init; }

    /// <summary>The package file name.</summary>
    public string? FileName { get; init; }

    /// <summary>The features, space- or comma-separated.</summary>
    public string? Features { get; init; }

    /// <summary>The track features, space- or comma-separated.</summary>
    public string? TrackFeatures { get; init; }
}
