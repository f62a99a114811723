using System.Formats.Tar;

namespace Quetz.Conda.Archives;

/// <summary>Builds the GNU-format tar entries the writer emits: uid and gid 0, no user or group names.</summary>
internal static class TarEntries
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode DirectoryMode = FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    private const UnixFileMode LinkMode = DirectoryMode | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    public static GnuTarEntry From(ArchiveEntry entry, DateTimeOffset defaultTime)
    {
        (TarEntryType type, UnixFileMode mode) = entry.Kind switch
        {
            ArchiveEntryKind.Directory => (TarEntryType.Directory, DirectoryMode),
            ArchiveEntryKind.SymbolicLink => (TarEntryType.SymbolicLink, LinkMode),
            ArchiveEntryKind.HardLink => (TarEntryType.HardLink, LinkMode),
            _ => (TarEntryType.RegularFile, FileMode),
        };
        GnuTarEntry tar = Create(type, entry.Path, entry.Mode ?? mode, entry.ModificationTime ?? defaultTime);
        if (type is TarEntryType.SymbolicLink or TarEntryType.HardLink)
        {
            tar.LinkName = entry.LinkTarget ?? string.Empty;
        }
        else if (type == TarEntryType.RegularFile && entry.Content.Length > 0)
        {
            tar.DataStream = new MemoryStream(entry.Content, writable: false);
        }

        return tar;
    }

    /// <summary>A copy of a member read from another archive; a file's data is streamed from the source.</summary>
    public static GnuTarEntry CopyOf(TarEntry source)
    {
        TarEntryType type = source.EntryType switch
        {
            TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => TarEntryType.RegularFile,
            _ => source.EntryType,
        };
        GnuTarEntry copy = Create(type, source.Name, source.Mode, source.ModificationTime);
        if (type is TarEntryType.SymbolicLink or TarEntryType.HardLink)
        {
            copy.LinkName = source.LinkName;
        }
        else if (type == TarEntryType.RegularFile && source.Length > 0 && source.DataStream is { } data)
        {
            copy.DataStream = new KnownLengthReadStream(data, source.Length);
        }

        return copy;
    }

    private static GnuTarEntry Create(TarEntryType type, string name, UnixFileMode mode, DateTimeOffset modified) =>
        new(type, name)
        {
            Mode = mode,
            ModificationTime = modified,
            Uid = 0,
            Gid = 0,
            UserName = string.Empty,
            GroupName = string.Empty,
        };
}
