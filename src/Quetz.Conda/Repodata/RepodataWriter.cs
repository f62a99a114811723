using System.Buffers;
using System.Text.Json.Nodes;

namespace Quetz.Conda.Repodata;

/// <summary>
/// Writes <c>repodata.json</c> byte for byte as conda-index does with its default <c>compact_json</c>:
/// Python's <c>json.dumps(repodata, sort_keys=True, separators=(",", ":"))</c>, no trailing newline.
/// </summary>
/// <remarks>
/// <para>
/// Layout: <c>{"info":{"subdir":…},"packages":{…},"packages.conda":{…},"removed":[…],"repodata_version":1}</c>.
/// Every object's keys are sorted by code point (records' keys, file names, <c>info</c> keys, and the
/// top-level keys including extra ones), non-ASCII characters are escaped as <c>\uXXXX</c> with
/// lower-case hex, floats are written as Python's <c>repr</c>. The output depends only on the input,
/// so equal documents give equal bytes.
/// </para>
/// <para>
/// The writers stream through a small buffer (flushed every 256 KiB); they neither flush nor close
/// <c>output</c>, so a compressor from <see cref="RepodataCompression"/> can be passed and disposed afterwards.
/// </para>
/// </remarks>
public static class RepodataWriter
{
    private const int FlushThreshold = 256 * 1024;

    /// <summary>Writes <paramref name="document"/> to <paramref name="output"/>.</summary>
    /// <param name="document">The repodata.</param>
    /// <param name="output">Where to write the UTF-8 JSON.</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    /// <returns>A task that completes when everything is written to <paramref name="output"/>.</returns>
    /// <exception cref="ArgumentException"><see cref="RepodataDocument.Extra"/> uses a standard key.</exception>
    public static Task WriteAsync(RepodataDocument document, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        return WriteCoreAsync(document, document.Packages, document.CondaPackages, null, null, output, cancellationToken);
    }

    /// <summary>Serialises <paramref name="document"/> into a byte array.</summary>
    /// <param name="document">The repodata.</param>
    /// <returns>The UTF-8 JSON.</returns>
    public static byte[] Serialize(RepodataDocument document)
    {
        using var memory = new MemoryStream();
        WriteAsync(document, memory, CancellationToken.None).GetAwaiter().GetResult();
        return memory.ToArray();
    }

    /// <summary>
    /// Serialises one record: compact, keys sorted, as it appears inside <c>repodata.json</c>. Cache
    /// the result per record and pass it to
    /// <see cref="WriteAsync(string, IEnumerable{KeyValuePair{string, ReadOnlyMemory{byte}}}, IEnumerable{KeyValuePair{string, ReadOnlyMemory{byte}}}, IEnumerable{string}, JsonObject?, Stream, CancellationToken)"/>
    /// so an upload re-serialises only what changed.
    /// </summary>
    /// <param name="record">The record.</param>
    /// <returns>The UTF-8 JSON of the record.</returns>
    public static byte[] SerializeRecord(RepodataRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var buffer = new ArrayBufferWriter<byte>(512);
        PythonJson.WriteObject(buffer, record.Json);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Writes repodata from pre-serialised records (file name → the bytes of
    /// <see cref="SerializeRecord(RepodataRecord)"/>), so incremental indexing only concatenates.
    /// </summary>
    /// <param name="subdir">The subdir (<c>info.subdir</c>).</param>
    /// <param name="packages">The <c>.tar.bz2</c> records. Sorted by the writer if they are not already in <see cref="CodePointComparer"/> order.</param>
    /// <param name="condaPackages">The <c>.conda</c> records, likewise.</param>
    /// <param name="removed">The <c>removed</c> file names (sorted by the writer).</param>
    /// <param name="extra">Other top-level keys, or <c>null</c>.</param>
    /// <param name="output">Where to write the UTF-8 JSON.</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    /// <returns>A task that completes when everything is written to <paramref name="output"/>.</returns>
    /// <exception cref="ArgumentException">A file name appears twice in a section, or <paramref name="extra"/> uses a standard key.</exception>
    /// <remarks>The record bytes are copied as given; they are not validated.</remarks>
    public static Task WriteAsync(
        string subdir,
        IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> packages,
        IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> condaPackages,
        IEnumerable<string> removed,
        JsonObject? extra,
        Stream output,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subdir);
        ArgumentNullException.ThrowIfNull(removed);
        var header = new RepodataDocument(subdir);
        header.Removed.UnionWith(removed);
        if (extra is not null)
        {
            foreach ((string key, JsonNode? value) in extra)
            {
                header.Extra[key] = value?.DeepClone();
            }
        }

        return WriteAsync(header, packages, condaPackages, output, cancellationToken);
    }

    /// <summary>
    /// Writes repodata from pre-serialised records, taking everything else (<c>info</c> keys such as
    /// <c>base_url</c>, <c>repodata_version</c>, <c>removed</c>, extra keys) from <paramref name="header"/>;
    /// the records of <paramref name="header"/> are ignored.
    /// </summary>
    /// <param name="header">The document whose non-record parts are written.</param>
    /// <param name="packages">The <c>.tar.bz2</c> records (file name → record JSON).</param>
    /// <param name="condaPackages">The <c>.conda</c> records (file name → record JSON).</param>
    /// <param name="output">Where to write the UTF-8 JSON.</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    /// <returns>A task that completes when everything is written to <paramref name="output"/>.</returns>
    /// <exception cref="ArgumentException">A file name appears twice in a section, or an extra key is a standard key.</exception>
    public static Task WriteAsync(
        RepodataDocument header,
        IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> packages,
        IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> condaPackages,
        Stream output,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentNullException.ThrowIfNull(condaPackages);
        ArgumentNullException.ThrowIfNull(output);
        return WriteCoreAsync(
            header,
            null,
            null,
            SortedList(packages, nameof(packages)),
            SortedList(condaPackages, nameof(condaPackages)),
            output,
            cancellationToken);
    }

    private static List<KeyValuePair<string, ReadOnlyMemory<byte>>> SortedList(
        IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> records, string parameter)
    {
        var list = records.ToList();
        var comparer = CodePointComparer.Instance;
        bool sorted = true;
        for (int i = 1; i < list.Count && sorted; i++)
        {
            sorted = comparer.Compare(list[i - 1].Key, list[i].Key) < 0;
        }

        if (!sorted)
        {
            list.Sort((a, b) => comparer.Compare(a.Key, b.Key));
            for (int i = 1; i < list.Count; i++)
            {
                if (comparer.Compare(list[i - 1].Key, list[i].Key) == 0)
                {
                    throw new ArgumentException($"'{list[i].Key}' appears more than once.", parameter);
                }
            }
        }

        return list;
    }

    // Records come either as RepodataRecords (packages, condaPackages) or pre-serialised (the lists).
    private static async Task WriteCoreAsync(
        RepodataDocument header,
        SortedDictionary<string, RepodataRecord>? packages,
        SortedDictionary<string, RepodataRecord>? condaPackages,
        List<KeyValuePair<string, ReadOnlyMemory<byte>>>? serializedPackages,
        List<KeyValuePair<string, ReadOnlyMemory<byte>>>? serializedCondaPackages,
        Stream output,
        CancellationToken cancellationToken)
    {
        // sort_keys=True applies to the top level too: merge the extra keys into the standard ones.
        var keys = PythonJson.TopLevelKeys(RepodataDocument.StandardKeys, header.Extra, "repodata", nameof(header));

        var buffer = new ArrayBufferWriter<byte>(FlushThreshold + (64 * 1024));
        PythonJson.WriteByte(buffer, (byte)'{');
        for (int k = 0; k < keys.Count; k++)
        {
            if (k > 0)
            {
                PythonJson.WriteByte(buffer, (byte)',');
            }

            string key = keys[k];
            PythonJson.WriteString(buffer, key);
            PythonJson.WriteByte(buffer, (byte)':');
            switch (key)
            {
                case "info":
                    WriteInfo(buffer, header);
                    break;
                case "packages":
                    await WriteSectionAsync(buffer, packages, serializedPackages, output, cancellationToken).ConfigureAwait(false);
                    break;
                case "packages.conda":
                    await WriteSectionAsync(buffer, condaPackages, serializedCondaPackages, output, cancellationToken).ConfigureAwait(false);
                    break;
                case "removed":
                    await WriteRemovedAsync(buffer, header.Removed, output, cancellationToken).ConfigureAwait(false);
                    break;
                case "repodata_version":
                    PythonJson.WriteRaw(buffer, System.Text.Encoding.ASCII.GetBytes(header.RepodataVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    break;
                default:
                    PythonJson.WriteNode(buffer, header.Extra[key]);
                    break;
            }
        }

        PythonJson.WriteByte(buffer, (byte)'}');
        await FlushAsync(buffer, output, cancellationToken).ConfigureAwait(false);
    }

    private static void WriteInfo(ArrayBufferWriter<byte> buffer, RepodataDocument header)
    {
        var info = new JsonObject();
        foreach ((string key, JsonNode? value) in header.Info)
        {
            if (key != "subdir")
            {
                info[key] = value?.DeepClone();
            }
        }

        info["subdir"] = header.Subdir;
        PythonJson.WriteObject(buffer, info);
    }

    private static async Task WriteSectionAsync(
        ArrayBufferWriter<byte> buffer,
        SortedDictionary<string, RepodataRecord>? records,
        List<KeyValuePair<string, ReadOnlyMemory<byte>>>? serialized,
        Stream output,
        CancellationToken cancellationToken)
    {
        PythonJson.WriteByte(buffer, (byte)'{');
        bool first = true;
        if (records is not null)
        {
            foreach ((string fileName, RepodataRecord record) in records)
            {
                WriteSeparator(buffer, ref first);
                PythonJson.WriteString(buffer, fileName);
                PythonJson.WriteByte(buffer, (byte)':');
                PythonJson.WriteObject(buffer, record.Json);
                if (buffer.WrittenCount >= FlushThreshold)
                {
                    await FlushAsync(buffer, output, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        else
        {
            foreach ((string fileName, ReadOnlyMemory<byte> json) in serialized!)
            {
                WriteSeparator(buffer, ref first);
                PythonJson.WriteString(buffer, fileName);
                PythonJson.WriteByte(buffer, (byte)':');
                if (json.Length >= FlushThreshold)
                {
                    await FlushAsync(buffer, output, cancellationToken).ConfigureAwait(false);
                    await output.WriteAsync(json, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                PythonJson.WriteRaw(buffer, json.Span);
                if (buffer.WrittenCount >= FlushThreshold)
                {
                    await FlushAsync(buffer, output, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        PythonJson.WriteByte(buffer, (byte)'}');
    }

    private static async Task WriteRemovedAsync(ArrayBufferWriter<byte> buffer, SortedSet<string> removed, Stream output, CancellationToken cancellationToken)
    {
        PythonJson.WriteByte(buffer, (byte)'[');
        bool first = true;
        foreach (string fileName in removed)
        {
            WriteSeparator(buffer, ref first);
            PythonJson.WriteString(buffer, fileName);
            if (buffer.WrittenCount >= FlushThreshold)
            {
                await FlushAsync(buffer, output, cancellationToken).ConfigureAwait(false);
            }
        }

        PythonJson.WriteByte(buffer, (byte)']');
    }

    private static void WriteSeparator(ArrayBufferWriter<byte> buffer, ref bool first)
    {
        if (!first)
        {
            PythonJson.WriteByte(buffer, (byte)',');
        }

        first = false;
    }

    private static async ValueTask FlushAsync(ArrayBufferWriter<byte> buffer, Stream output, CancellationToken cancellationToken)
    {
        if (buffer.WrittenCount > 0)
        {
            await output.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            buffer.ResetWrittenCount();
        }
    }
}
