namespace Quetz.Plugins.CurrentRepodata;

/// <summary>Compresses a file held in memory with one of <see cref="Quetz.Conda.Repodata.RepodataCompression"/>'s compressors.</summary>
internal static class Compressed
{
    public static byte[] Of(byte[] content, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var compressing = compressor(output))
        {
            compressing.Write(content);
        }

        return output.ToArray();
    }
}
