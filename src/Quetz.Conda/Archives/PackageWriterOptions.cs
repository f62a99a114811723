namespace Quetz.Conda.Archives;

/// <summary>How <see cref="PackageWriter"/> compresses and stamps what it writes.</summary>
public sealed record PackageWriterOptions
{
    /// <summary>zstd level 19, bzip2 blocks of 900 kB, members dated 2020-01-01T00:00:00Z, default limits.</summary>
    public static PackageWriterOptions Default { get; } = new();

    /// <summary>
    /// The zstd level of a .conda's two tar parts, 1 to 22. Default 19, what conda-build uses; level 3 is
    /// about ten times faster and some 10–20 % larger.
    /// </summary>
    public int ZstdLevel { get; init; } = 19;

    /// <summary>The bzip2 block size of a .tar.bz2, 1 to 9 (times 100 kB). Default 9, as conda-build.</summary>
    public int Bzip2BlockSize { get; init; } = 9;

    /// <summary>The modification time of members (and zip entries) that carry none of their own. Default 2020-01-01T00:00:00Z.</summary>
    public DateTimeOffset ModificationTime { get; init; } = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The bounds a conversion enforces on the .tar.bz2 it reads. Default <see cref="ArchiveLimits.Default"/>.</summary>
    public ArchiveLimits Limits { get; init; } = ArchiveLimits.Default;
}
