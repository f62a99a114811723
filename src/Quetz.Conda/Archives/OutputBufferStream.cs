using System.Buffers;

namespace Quetz.Conda.Archives;

/// <summary>
/// Buffers small writes (the bzip2 encoder writes a byte at a time) in a pooled buffer before they reach the
/// caller's stream; disposing flushes and leaves the caller's stream open.
/// </summary>
internal sealed class OutputBufferStream(Stream output) : Stream
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _count;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void WriteByte(byte value)
    {
        if (_count == _buffer.Length)
        {
            FlushBuffer();
        }

        _buffer[_count++] = value;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length > _buffer.Length - _count)
        {
            FlushBuffer();
            if (buffer.Length >= _buffer.Length)
            {
                output.Write(buffer);
                return;
            }
        }

        buffer.CopyTo(_buffer.AsSpan(_count));
        _count += buffer.Length;
    }

    public override void Flush()
    {
        FlushBuffer();
        output.Flush();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer.Length > 0)
        {
            FlushBuffer();
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        base.Dispose(disposing);
    }

    private void FlushBuffer()
    {
        if (_count > 0)
        {
            output.Write(_buffer, 0, _count);
            _count = 0;
        }
    }
}
