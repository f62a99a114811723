using System.Buffers;

namespace Quetz.Conda.Repodata.Shards;

/// <summary>
/// Writes the CEP-16 shard of one package name: a map of <c>packages</c> (<c>.tar.bz2</c> file name →
/// record), <c>packages.conda</c> (<c>.conda</c> file name → record) and <c>removed</c> (file names),
/// MessagePack compressed with zstd.
/// </summary>
/// <remarks>
/// <para>
/// The output depends only on the input's content, never its order, so an unchanged package name
/// keeps its shard file and hash: file names and <c>removed</c> are sorted by code point (Python's
/// <c>sorted()</c>), all three keys are always written (rattler requires <c>packages</c>), and each
/// record keeps the key order of its JSON, which <see cref="RepodataWriter.SerializeRecord"/> sorts.
/// </para>
/// <para>
/// Records are converted as Python's <c>msgpack.packb(json.loads(record))</c> would, except that
/// <c>md5</c> and <c>sha256</c> become raw bytes as CEP-16 specifies; a record built by conda-index's
/// or rattler's shard writer from the same JSON gives the same MessagePack.
/// </para>
/// </remarks>
public static class ShardWriter
{
    /// <summary>Writes one shard.</summary>
    /// <param name="packages">The <c>.tar.bz2</c> records: file name → compact JSON, as <see cref="RepodataWriter.SerializeRecord"/> writes it.</param>
    /// <param name="condaPackages">The <c>.conda</c> records, likewise.</param>
    /// <param name="removed">File names removed from the subdir; duplicates are written once.</param>
    /// <param name="zstdLevel">The zstd level, 1 to 22.</param>
    /// <returns>The shard file and its hash.</returns>
    /// <exception cref="ArgumentException">
    /// A file name appears twice in a section, a record is not a JSON object, its <c>md5</c> or
    /// <c>sha256</c> is neither hex of the right length nor null, or it holds an integer outside 64 bits.
    /// </exception>
    public static Shard Write(
        IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> packages,
        IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> condaPackages,
        IEnumerable<string> removed,
        int zstdLevel = ShardFiles.DefaultZstdLevel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(zstdLevel, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(zstdLevel, 22);
        ArrayBufferWriter<byte> msgpack = Serialize(packages, condaPackages, removed);
        return new Shard(ShardCompression.Compress(msgpack.WrittenSpan, zstdLevel));
    }

    /// <summary>The uncompressed MessagePack of a shard.</summary>
    internal static ArrayBufferWriter<byte> Serialize(
        IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> packages,
        IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> condaPackages,
        IEnumerable<string> removed)
    {
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentNullException.ThrowIfNull(condaPackages);
        ArgumentNullException.ThrowIfNull(removed);

        var output = new ArrayBufferWriter<byte>(4096);
        MessagePackWriter.WriteMapHeader(output, 3);
        MessagePackWriter.WriteUtf8String(output, "packages"u8);
        WriteRecords(output, packages, nameof(packages));
        MessagePackWriter.WriteUtf8String(output, "packages.conda"u8);
        WriteRecords(output, condaPackages, nameof(condaPackages));
        MessagePackWriter.WriteUtf8String(output, "removed"u8);
        var names = new SortedSet<string>(removed, CodePointComparer.Instance);
        MessagePackWriter.WriteArrayHeader(output, names.Count);
        foreach (string name in names)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(removed));
            MessagePackWriter.WriteString(output, name);
        }

        return output;
    }

    private static void WriteRecords(IBufferWriter<byte> output, IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> records, string parameterName)
    {
        KeyValuePair<string, ReadOnlyMemory<byte>>[] sorted = [.. records];
        Array.Sort(sorted, static (a, b) => CodePointComparer.Instance.Compare(a.Key, b.Key));
        for (int i = 0; i < sorted.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(sorted[i].Key, parameterName);
            if (i > 0 && string.Equals(sorted[i].Key, sorted[i - 1].Key, StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{sorted[i].Key}' appears twice.", parameterName);
            }
        }

        MessagePackWriter.WriteMapHeader(output, sorted.Length);
        foreach ((string fileName, ReadOnlyMemory<byte> json) in sorted)
        {
            MessagePackWriter.WriteString(output, fileName);
            JsonRecordEncoder.Write(output, fileName, json);
        }
    }
}
