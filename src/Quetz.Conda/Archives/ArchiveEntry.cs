using System.Text;

namespace Quetz.Conda.Archives;

/// <summary>
/// One member to write into a package with <see cref="PackageWriter"/>: a path relative to the package root
/// (<c>info/index.json</c>, <c>lib/libz.so</c>) and its content. By default a regular file with mode 0644 and
/// the writer's fixed modification time; use <see cref="SymbolicLink"/>, <see cref="HardLink"/> and
/// <see cref="Directory"/> for other kinds. The writer does not check paths, so tests can build hostile archives.
/// </summary>
/// <param name="Path">The member path inside the package, with forward slashes.</param>
/// <param name="Content">The file content; empty for links and directories.</param>
public sealed record ArchiveEntry(string Path, byte[] Content)
{
    /// <summary>What the member is. Default <see cref="ArchiveEntryKind.File"/>.</summary>
    public ArchiveEntryKind Kind { get; init; } = ArchiveEntryKind.File;

    /// <summary>The target of a symbolic or hard link; null for files and directories.</summary>
    public string? LinkTarget { get; init; }

    /// <summary>The permission bits; null for the default of the kind (0644 files, 0755 directories, 0777 links).</summary>
    public UnixFileMode? Mode { get; init; }

    /// <summary>The modification time; null for the writer's fixed time (<see cref="PackageWriterOptions.ModificationTime"/>).</summary>
    public DateTimeOffset? ModificationTime { get; init; }

    /// <summary>A regular file holding UTF-8 text.</summary>
    /// <param name="path">The member path.</param>
    /// <param name="text">The content, written as UTF-8 without a byte order mark.</param>
    /// <returns>The entry.</returns>
    public static ArchiveEntry Text(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));

    /// <summary>A symbolic link.</summary>
    /// <param name="path">The link's member path.</param>
    /// <param name="target">Where it points, relative to the link's directory.</param>
    /// <returns>The entry.</returns>
    public static ArchiveEntry SymbolicLink(string path, string target) =>
        new(path, []) { Kind = ArchiveEntryKind.SymbolicLink, LinkTarget = target };

    /// <summary>A hard link to another member.</summary>
    /// <param name="path">The link's member path.</param>
    /// <param name="target">The member it links to, relative to the package root.</param>
    /// <returns>The entry.</returns>
    public static ArchiveEntry HardLink(string path, string target) =>
        new(path, []) { Kind = ArchiveEntryKind.HardLink, LinkTarget = target };

    /// <summary>A directory.</summary>
    /// <param name="path">The directory's member path.</param>
    /// <returns>The entry.</returns>
    public static ArchiveEntry Directory(string path) => new(path, []) { Kind = ArchiveEntryKind.Directory };

    /// <summary>Whether the member belongs to the package metadata (its path starts with <c>info/</c>).</summary>
    public bool IsInfo => Path.StartsWith("info/", StringComparison.Ordinal);
}
