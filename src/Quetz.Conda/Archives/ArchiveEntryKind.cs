namespace Quetz.Conda.Archives;

/// <summary>What an <see cref="ArchiveEntry"/> is.</summary>
public enum ArchiveEntryKind
{
    /// <summary>A regular file with content.</summary>
    File,

    /// <summary>A directory (conda packages usually list files only).</summary>
    Directory,

    /// <summary>A symbolic link; its target is relative to the link's own directory.</summary>
    SymbolicLink,

    /// <summary>A hard link; its target is a member path relative to the package root.</summary>
    HardLink,
}
