using System.Buffers;

namespace Quetz.Conda.Archives;

/// <summary>
/// Reads the caller's archive stream through a pooled buffer: cheap <see cref="ReadByte"/> (the bzip2 decoder
/// reads a byte at a time), <see cref="Peek"/> for magic numbers, and a count of the bytes handed on.
/// Never disposes the source.
/// </summary>
internal sealed class BufferedSourceStream : ForwardReadStream
{
    private const int BufferSize = 64 * 1024;
    private readonly Stream _source;
    private byte[] _buffer;
    private int _position;
    private int _end;
    private long _consumed;

    public BufferedSourceStream(Stream source)
    {
        _source = source;
        _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    }

    /// <summary>How many bytes readers of this stream have taken.</summary>
    public long Consumed => _consumed;

    /// <summary>Up to <paramref name="count"/> next bytes without taking them; fewer only at the end of the source.</summary>
    public ReadOnlySpan<byte> Peek(int count)
    {
        if (_end - _position < count)
        {
            Buffer.BlockCopy(_buffer, _position, _buffer, 0, _end - _position);
            _end -= _position;
            _position = 0;
            while (_end < count)
            {
                int read = _source.Read(_buffer, _end, _buffer.Length - _end);
                if (read == 0)
                {
                    break;
                }

                _end += read;
            }
        }

        return _buffer.AsSpan(_position, Math.Min(count, _end - _position));
    }

    public override int ReadByte()
    {
        if (_position == _end && !Fill())
        {
            return -1;
        }

        _consumed++;
        return _buffer[_position++];
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_position == _end)
        {
            if (buffer.Length >= _buffer.Length)
            {
                int direct = _source.Read(buffer);
                _consumed += direct;
                return direct;
            }

            if (!Fill())
            {
                return 0;
            }
        }

        int count = Math.Min(buffer.Length, _end - _position);
        _buffer.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        _consumed += count;
        return count;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            _position = _end = 0;
        }

        base.Dispose(disposing);
    }

    private bool Fill()
    {
        _position = 0;
        _end = _source.Read(_buffer, 0, _buffer.Length);
        return _end > 0;
    }
}
