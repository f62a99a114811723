using System.Globalization;

namespace Quetz.Conda.Archives;

/// <summary>What one read (or conversion) of a package has seen so far, across all its parts, and its bounds.</summary>
internal sealed class ScanState(ArchiveLimits limits)
{
    private long _totalUncompressed;
    private int _entries;

    public ArchiveLimits Limits { get; } = limits;

    public MemberChecker Members { get; } = new();

    public void CountEntry()
    {
        if (++_entries > Limits.MaxEntries)
        {
            throw new InvalidPackageException(string.Create(
                CultureInfo.InvariantCulture, $"the package has more than {Limits.MaxEntries} members"));
        }
    }

    /// <summary>Adds unpacked bytes of one part and checks the total and that part's expansion ratio.</summary>
    public void AddUncompressed(long added, long partUncompressed, long partCompressed)
    {
        _totalUncompressed += added;
        if (_totalUncompressed > Limits.MaxTotalUncompressedBytes)
        {
            throw new InvalidPackageException(string.Create(
                CultureInfo.InvariantCulture,
                $"decompression bomb: the package unpacks to more than {Limits.MaxTotalUncompressedBytes} bytes"));
        }

        if (partUncompressed > Limits.CompressionRatioThresholdBytes
            && partUncompressed > Limits.MaxCompressionRatio * Math.Max(1, partCompressed))
        {
            throw new InvalidPackageException(string.Create(
                CultureInfo.InvariantCulture,
                $"decompression bomb: the package unpacks to more than {Limits.MaxCompressionRatio} times its compressed size"));
        }
    }
}
