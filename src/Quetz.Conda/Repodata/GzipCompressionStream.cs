using System.IO.Compression;

namespace Quetz.Conda.Repodata;

/// <summary>
/// A <see cref="GZipStream"/> that also writes a valid gzip member for empty input (a bare
/// <see cref="GZipStream"/> then writes nothing, which <c>gzip -d</c> rejects).
/// </summary>
internal sealed class GzipCompressionStream : Stream
{
    // Header (no name, mtime 0, OS unix), an empty final deflate block, CRC-32 0 and size 0.
    private static readonly byte[] EmptyMember = [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03, 0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];

    private readonly Stream _output;
    private readonly GZipStream _gzip;
    private bool _written;
    private bool _disposed;

    public GzipCompressionStream(Stream output, CompressionLevel level, bool leaveOpen)
    {
        _output = output;
        _gzip = new GZipStream(output, level, leaveOpen);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_disposed;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _written |= !buffer.IsEmpty;
        _gzip.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _written |= !buffer.IsEmpty;
        return _gzip.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => _gzip.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _gzip.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            if (!_written)
            {
                await _output.WriteAsync(EmptyMember).ConfigureAwait(false);
            }

            await _gzip.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            if (!_written)
            {
                _output.Write(EmptyMember);
            }

            _gzip.Dispose();
        }

        base.Dispose(disposing);
    }
}
