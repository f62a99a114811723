using System.Buffers;
using System.Formats.Tar;

namespace Quetz.Conda.Archives;

/// <summary>
/// Walks one tar stream forward-only: checks every member with <see cref="ScanState"/>, hands each to a
/// callback (which may read its data), skips unread data and, for a full <see cref="Scan"/>, insists on the
/// end-of-archive marker and reads the decoder to its end so the compressed stream's own checks (CRC, end marker) run.
/// </summary>
internal static class TarComponentScanner
{
    private const int SkipBufferSize = 64 * 1024;

    /// <summary>Called for every member with its normalized path; its data stream (if any) is positioned at the start.</summary>
    public delegate void MemberHandler(TarEntry entry, string path);

    /// <summary>Like <see cref="MemberHandler"/>, and returns whether the walk goes on to the next member.</summary>
    public delegate bool MemberVisitor(TarEntry entry, string path);

    /// <summary>Visits every member, then checks the end of the tar and of its decoder: a full read vouches for the whole archive.</summary>
    public static void Scan(ExpansionGuardStream tar, ScanState state, MemberHandler onMember, CancellationToken cancellationToken)
    {
        Walk(
            tar,
            state,
            (entry, path) =>
            {
                onMember(entry, path);
                return true;
            },
            cancellationToken);
        CheckEnd(tar, cancellationToken);
    }

    /// <summary>
    /// Checks and visits members until the visitor stops or the tar ends, without <see cref="Scan"/>'s end checks:
    /// a caller that wants one member vouches only for what it has read, so it is spared the rest of the stream.
    /// </summary>
    public static void Walk(ExpansionGuardStream tar, ScanState state, MemberVisitor visit, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(SkipBufferSize);
        try
        {
            using var reader = new TarReader(tar, leaveOpen: true);
            bool sawMember = false;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                TarEntry? entry;
                try
                {
                    entry = reader.GetNextEntry(copyData: false);
                }
                catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException)
                {
                    throw new InvalidPackageException(sawMember ? "corrupt tar archive" : "not a tar archive", e);
                }

                if (entry is null)
                {
                    return;
                }

                sawMember = true;
                if (entry.EntryType == TarEntryType.GlobalExtendedAttributes)
                {
                    continue;
                }

                state.CountEntry();
                string path = state.Members.Check(entry);
                if (!visit(entry, path))
                {
                    return;
                }

                if (entry.DataStream is { } data)
                {
                    // The data stream ends with the member; a decoder that runs dry first throws.
                    while (data.Read(buffer, 0, buffer.Length) > 0)
                    {
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void CheckEnd(ExpansionGuardStream tar, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(SkipBufferSize);
        try
        {
            // Read the decoder to its end, so that its own checks (CRC, end of stream) run.
            while (tar.Read(buffer, 0, buffer.Length) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        // A tar that stops right after a member, without the end-of-archive marker, was cut short. (Like
        // Python's tarfile, an unreadable block after the last member is taken as the end.)
        if (tar.Tar.EndedWithoutMarker)
        {
            throw new InvalidPackageException("truncated archive");
        }
    }

    /// <summary>Reads a member's whole data into a new array (the caller has checked its size).</summary>
    public static byte[] ReadAll(TarEntry entry)
    {
        byte[] content = new byte[entry.Length];
        if (entry.DataStream is { } data)
        {
            data.ReadExactly(content);
        }
        else if (content.Length > 0)
        {
            throw new InvalidPackageException("truncated archive");
        }

        return content;
    }
}
