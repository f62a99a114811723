namespace Quetz.Conda.Archives;

/// <summary>
/// The unpacked side of one compressed part (a .tar.bz2, or a .conda's info or pkg tar): counts what the
/// decoder produced and stops at the bounds of <see cref="ScanState"/> before a bomb can do harm.
/// </summary>
internal sealed class ExpansionGuardStream(Stream decoded, ScanState state, Func<long> compressedBytes) : Stream
{
    private long _produced;

    /// <summary>How many unpacked bytes have been read.</summary>
    public long Produced => _produced;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Count(decoded.Read(buffer, offset, count));
    }

    public override int Read(Span<byte> buffer) => Count(decoded.Read(buffer));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        if (read > 0)
        {
            _produced += read;
            state.AddUncompressed(read, _produced, compressedBytes());
        }

        return read;
    }
}
