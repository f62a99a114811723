using ICSharpCode.SharpZipLib.BZip2;

namespace Quetz.Conda.Archives;

/// <summary>
/// Decodes bzip2 like <c>bzip2 -d</c> and Python's <c>bz2</c> module: one stream after another while the input
/// holds concatenated streams (as pbzip2 writes them); bytes after the last stream that do not start another are
/// ignored. The caller checks the first stream's magic.
/// </summary>
internal sealed class Bzip2DecodingStream : ForwardReadStream
{
    private readonly BufferedSourceStream _source;
    private BZip2InputStream? _current;

    public Bzip2DecodingStream(BufferedSourceStream source)
    {
        _source = source;
        _current = new BZip2InputStream(source) { IsStreamOwner = false };
    }

    /// <summary>Whether the next bytes are a bzip2 stream header, <c>BZh1</c> to <c>BZh9</c>.</summary>
    public static bool StartsWithMagic(ReadOnlySpan<byte> header) =>
        header.Length >= 4 && header[0] == (byte)'B' && header[1] == (byte)'Z' && header[2] == (byte)'h'
        && header[3] >= (byte)'1' && header[3] <= (byte)'9';

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        if (count == 0)
        {
            return 0;
        }

        while (_current is not null)
        {
            int read = _current.Read(buffer, offset, count);
            if (read > 0)
            {
                return read;
            }

            _current.Dispose();
            _current = null;
            if (StartsWithMagic(_source.Peek(4)))
            {
                _current = new BZip2InputStream(_source) { IsStreamOwner = false };
            }
        }

        return 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current?.Dispose();
            _current = null;
        }

        base.Dispose(disposing);
    }
}
