using System.Buffers;
using System.Text.Json.Nodes;

namespace Quetz.Conda.Repodata;

/// <summary>
/// Writes <c>channeldata.json</c> as conda-index does by default: compact JSON with sorted keys
/// (<c>json.dumps(channeldata, sort_keys=True, separators=(",", ":"))</c>) and a final newline; in each
/// package entry, keys whose value is <c>null</c> and the <c>commits</c> key are left out.
/// </summary>
public static class ChanneldataWriter
{
    private const int FlushThreshold = 256 * 1024;

    /// <summary>Writes <paramref name="doc"/> to <paramref name="output"/>; neither flushes nor closes it.</summary>
    /// <param name="doc">The channeldata.</param>
    /// <param name="output">Where to write the UTF-8 JSON.</param>
    /// <param name="ct">Cancels between chunks.</param>
    /// <returns>A task that completes when everything is written to <paramref name="output"/>.</returns>
    /// <exception cref="ArgumentException"><see cref="ChanneldataDocument.Extra"/> uses a standard key.</exception>
    public static async Task WriteAsync(ChanneldataDocument doc, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(output);
        var keys = PythonJson.TopLevelKeys(ChanneldataDocument.StandardKeys, doc.Extra, "channeldata", nameof(doc));

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
                case "channeldata_version":
                    PythonJson.WriteRaw(buffer, System.Text.Encoding.ASCII.GetBytes(doc.ChanneldataVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    break;
                case "packages":
                    PythonJson.WriteByte(buffer, (byte)'{');
                    bool first = true;
                    foreach ((string name, JsonObject entry) in doc.Packages)
                    {
                        if (!first)
                        {
                            PythonJson.WriteByte(buffer, (byte)',');
                        }

                        first = false;
                        PythonJson.WriteString(buffer, name);
                        PythonJson.WriteByte(buffer, (byte)':');
                        WriteEntry(buffer, entry);
                        if (buffer.WrittenCount >= FlushThreshold)
                        {
                            await output.WriteAsync(buffer.WrittenMemory, ct).ConfigureAwait(false);
                            buffer.ResetWrittenCount();
                        }
                    }

                    PythonJson.WriteByte(buffer, (byte)'}');
                    break;
                case "subdirs":
                    PythonJson.WriteByte(buffer, (byte)'[');
                    bool firstSubdir = true;
                    foreach (string subdir in doc.Subdirs)
                    {
                        if (!firstSubdir)
                        {
                            PythonJson.WriteByte(buffer, (byte)',');
                        }

                        firstSubdir = false;
                        PythonJson.WriteString(buffer, subdir);
                    }

                    PythonJson.WriteByte(buffer, (byte)']');
                    break;
                default:
                    PythonJson.WriteNode(buffer, doc.Extra[key]);
                    break;
            }
        }

        PythonJson.WriteRaw(buffer, "}\n"u8);
        await output.WriteAsync(buffer.WrittenMemory, ct).ConfigureAwait(false);
    }

    /// <summary>Serialises <paramref name="doc"/> into a byte array.</summary>
    /// <param name="doc">The channeldata.</param>
    /// <returns>The UTF-8 JSON, ending with a newline.</returns>
    public static byte[] Serialize(ChanneldataDocument doc)
    {
        using var memory = new MemoryStream();
        WriteAsync(doc, memory, CancellationToken.None).GetAwaiter().GetResult();
        return memory.ToArray();
    }

    // conda-index drops None values and "commits" from each entry before writing.
    private static void WriteEntry(ArrayBufferWriter<byte> buffer, JsonObject entry) =>
        PythonJson.WriteObject(buffer, entry, static (key, value) =>
            value is not null && key != "commits" && value.GetValueKind() != System.Text.Json.JsonValueKind.Null);
}
