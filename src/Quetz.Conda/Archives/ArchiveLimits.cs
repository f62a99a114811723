namespace Quetz.Conda.Archives;

/// <summary>
/// Bounds that <see cref="PackageReader"/> enforces on an archive so that a hostile upload cannot exhaust
/// memory, disk or CPU. Every bound is checked while streaming, before the offending data is held.
/// </summary>
public sealed record ArchiveLimits
{
    /// <summary>The defaults: 16 MiB metadata members, 64 GiB unpacked, ratio 200 beyond 4 MiB, 1,000,000 members.</summary>
    public static ArchiveLimits Default { get; } = new();

    /// <summary>
    /// The largest metadata member the reader buffers (<c>info/index.json</c>, <c>about.json</c>,
    /// <c>run_exports.json</c>, <c>paths.json</c>, <c>files</c>, <c>icon.png</c>, and a .conda's
    /// <c>metadata.json</c>), and the largest PAX extended header or GNU long-name block a tar may announce (the
    /// BCL tar reader would allocate it whole). A larger one refuses the package. Other <c>info/</c> members
    /// (recipes, tests, licenses) are streamed, not buffered, and have no such bound. Default 16 MiB.
    /// </summary>
    public long MaxMetadataMemberBytes { get; init; } = 16L << 20;

    /// <summary>The most tar bytes all parts of the package may unpack to. Default 64 GiB.</summary>
    public long MaxTotalUncompressedBytes { get; init; } = 64L << 30;

    /// <summary>
    /// The largest unpacked/compressed ratio of a compressed part, checked once the part has unpacked to more than
    /// <see cref="CompressionRatioThresholdBytes"/>; beyond it the package is a decompression bomb. Default 200.
    /// </summary>
    public double MaxCompressionRatio { get; init; } = 200;

    /// <summary>How many bytes a part may unpack to before <see cref="MaxCompressionRatio"/> applies. Default 4 MiB.</summary>
    public long CompressionRatioThresholdBytes { get; init; } = 4L << 20;

    /// <summary>The most tar members (files, directories, links) in the whole package. Default 1,000,000.</summary>
    public int MaxEntries { get; init; } = 1_000_000;
}
