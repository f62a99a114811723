namespace Quetz.Conda.Archives;

/// <summary>The two archive formats of a conda package.</summary>
public enum PackageFormat
{
    /// <summary>The original format: a bzip2-compressed tar, <c>info/</c> members first (<c>.tar.bz2</c>).</summary>
    TarBz2,

    /// <summary>
    /// The v2 format: an uncompressed zip holding <c>metadata.json</c>, <c>info-{base}.tar.zst</c> and
    /// <c>pkg-{base}.tar.zst</c> (<c>.conda</c>).
    /// </summary>
    Conda,
}
