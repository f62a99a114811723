using System.Formats.Tar;

namespace Quetz.Conda.Archives;

/// <summary>
/// Checks that members of a package cannot write outside the directory it is extracted to: no absolute paths,
/// no <c>..</c> segments, no member below a symlink seen earlier, and no symbolic or hard link whose target
/// resolves (lexically, following the package's earlier symlinks) outside the package root. Device files
/// and FIFOs are refused too.
/// </summary>
internal sealed class MemberChecker
{
    private const int MaxLinkHops = 40;

    // Normalized symlink path -> its target resolved to a normalized path inside the package.
    private readonly Dictionary<string, string> _symlinks = new(StringComparer.Ordinal);

    /// <summary>Checks one member and returns its normalized path (no <c>./</c>, no empty segments, no trailing slash).</summary>
    public string Check(TarEntry entry)
    {
        string name = entry.Name;
        string path = Normalize(name);
        bool isLink = false;
        switch (entry.EntryType)
        {
            case TarEntryType.RegularFile:
            case TarEntryType.V7RegularFile:
            case TarEntryType.ContiguousFile:
            case TarEntryType.HardLink:
            case TarEntryType.SymbolicLink:
                isLink = entry.EntryType is TarEntryType.HardLink or TarEntryType.SymbolicLink;
                if (path.Length == 0)
                {
                    throw new InvalidPackageException($"member '{name}' has no file name");
                }

                break;
            case TarEntryType.Directory:
                break;
            case TarEntryType.BlockDevice:
            case TarEntryType.CharacterDevice:
            case TarEntryType.Fifo:
                throw new InvalidPackageException($"member '{name}' is a device or FIFO");
            default:
                throw new InvalidPackageException($"member '{name}' has an unsupported type ({entry.EntryType})");
        }

        CheckNotBelowSymlink(name, path);
        if (isLink)
        {
            string target = entry.LinkName;
            if (entry.EntryType == TarEntryType.SymbolicLink)
            {
                int slash = path.LastIndexOf('/');
                string resolved = Resolve(slash < 0 ? string.Empty : path[..slash], target)
                    ?? throw new InvalidPackageException($"symlink '{name}' points outside the package: '{target}'");
                _symlinks[path] = resolved;
            }
            else if (Resolve(string.Empty, target) is null)
            {
                throw new InvalidPackageException($"hard link '{name}' points outside the package: '{target}'");
            }
        }

        return path;
    }

    /// <summary>The normalized form of a member name, or an exception when it is absolute or climbs with <c>..</c>.</summary>
    public static string Normalize(string name)
    {
        if (name.Length == 0)
        {
            throw new InvalidPackageException("a member has an empty name");
        }

        if (IsAbsolute(name))
        {
            throw new InvalidPackageException($"member '{name}' has an absolute path");
        }

        bool clean = true;
        ReadOnlySpan<char> rest = name;
        while (true)
        {
            int slash = rest.IndexOf('/');
            ReadOnlySpan<char> segment = slash < 0 ? rest : rest[..slash];
            if (segment.Length == 0 || segment is ".")
            {
                clean = false;
            }
            else if (HasDotDot(segment))
            {
                throw new InvalidPackageException($"member '{name}' escapes the package");
            }

            if (slash < 0)
            {
                break;
            }

            rest = rest[(slash + 1)..];
        }

        if (clean)
        {
            return name;
        }

        var kept = new List<string>();
        foreach (string segment in name.Split('/'))
        {
            if (segment.Length > 0 && segment != ".")
            {
                kept.Add(segment);
            }
        }

        return string.Join('/', kept);
    }

    private static bool IsAbsolute(string path) =>
        path.Length > 0 && (path[0] == '/' || path[0] == '\\' || (path.Length > 1 && path[1] == ':' && char.IsAsciiLetter(path[0])));

    // '..' alone, or as a backslash-separated part ("..\x", "a\.."), which Windows would follow.
    private static bool HasDotDot(ReadOnlySpan<char> segment)
    {
        while (true)
        {
            int backslash = segment.IndexOf('\\');
            ReadOnlySpan<char> part = backslash < 0 ? segment : segment[..backslash];
            if (part is "..")
            {
                return true;
            }

            if (backslash < 0)
            {
                return false;
            }

            segment = segment[(backslash + 1)..];
        }
    }

    private void CheckNotBelowSymlink(string name, string path)
    {
        if (_symlinks.Count == 0)
        {
            return;
        }

        Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> lookup = _symlinks.GetAlternateLookup<ReadOnlySpan<char>>();
        int slash = path.IndexOf('/');
        while (slash > 0)
        {
            if (lookup.ContainsKey(path.AsSpan(0, slash)))
            {
                throw new InvalidPackageException($"member '{name}' lies inside symlink '{path[..slash]}'");
            }

            slash = path.IndexOf('/', slash + 1);
        }
    }

    // Resolves target against directory (both inside the package); null when it leaves the package root.
    private string? Resolve(string directory, string target)
    {
        if (IsAbsolute(target))
        {
            return null;
        }

        var stack = new List<string>();
        if (directory.Length > 0)
        {
            stack.AddRange(directory.Split('/'));
        }

        int hops = 0;
        foreach (string segment in target.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (stack.Count == 0)
                {
                    return null;
                }

                stack.RemoveAt(stack.Count - 1);
                continue;
            }

            if (HasDotDot(segment))
            {
                return null;
            }

            stack.Add(segment);
            if (_symlinks.Count > 0 && hops < MaxLinkHops && _symlinks.TryGetValue(string.Join('/', stack), out string? resolved))
            {
                hops++;
                stack.Clear();
                if (resolved.Length > 0)
                {
                    stack.AddRange(resolved.Split('/'));
                }
            }
        }

        return string.Join('/', stack);
    }
}
