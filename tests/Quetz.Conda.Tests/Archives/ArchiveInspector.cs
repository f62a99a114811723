using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using ICSharpCode.SharpZipLib.BZip2;

namespace Quetz.Conda.Tests.Archives;

/// <summary>One tar member as the tests compare it: data as a hash, times in whole seconds.</summary>
internal sealed record MemberSummary(string Name, TarEntryType Type, UnixFileMode Mode, long ModifiedSeconds, string LinkName, long Length, string Sha256);

/// <summary>Lists archives with the BCL tar reader and the decoders directly, independently of PackageReader.</summary>
internal static class ArchiveInspector
{
    public static List<MemberSummary> ListTarBz2(Stream tarBz2)
    {
        using var bzip2 = new BZip2InputStream(tarBz2) { IsStreamOwner = false };
        return ListTar(bzip2);
    }

    /// <summary>The members of a .conda's info part, then its pkg part, and the zip entry names in order.</summary>
    public static (List<MemberSummary> Info, List<MemberSummary> Pkg, List<ZipArchiveEntry> ZipEntries) ListConda(Stream conda)
    {
        using var zip = new ZipArchive(conda, ZipArchiveMode.Read, leaveOpen: true);
        List<MemberSummary> info = [];
        List<MemberSummary> pkg = [];
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            if (entry.Name.StartsWith("info-", StringComparison.Ordinal) || entry.Name.StartsWith("pkg-", StringComparison.Ordinal))
            {
                using Stream raw = entry.Open();
                using var zstd = new ZstdSharp.DecompressionStream(raw);
                (entry.Name.StartsWith("info-", StringComparison.Ordinal) ? info : pkg).AddRange(ListTar(zstd));
            }
        }

        return (info, pkg, [.. zip.Entries]);
    }

    public static List<MemberSummary> ListTar(Stream tar)
    {
        var members = new List<MemberSummary>();
        using var reader = new TarReader(tar, leaveOpen: true);
        while (reader.GetNextEntry() is { } entry)
        {
            string sha = "";
            if (entry.DataStream is { } data)
            {
                sha = Convert.ToHexStringLower(SHA256.HashData(data));
            }

            TarEntryType type = entry.EntryType is TarEntryType.V7RegularFile ? TarEntryType.RegularFile : entry.EntryType;
            members.Add(new MemberSummary(entry.Name, type, entry.Mode, entry.ModificationTime.ToUnixTimeSeconds(), entry.LinkName ?? "", entry.Length, sha));
        }

        return members;
    }
}
