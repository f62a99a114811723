using System.Security.Cryptography;

namespace Quetz.Conda.Archives;

/// <summary>
/// A pass-through stream that computes the SHA-256, MD5 and length of every byte written through it (or read
/// through it), in one pass, for the <c>sha256</c>, <c>md5</c> and <c>size</c> of a repodata record. Wrap the
/// temporary file an upload is copied to, copy, then read <see cref="Sha256Hex"/>, <see cref="Md5Hex"/> and
/// <see cref="Length"/> (also after disposing). Hashes are taken over the bytes in the order they pass; the
/// stream cannot seek.
/// </summary>
public sealed class PackageHashingStream : Stream
{
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
#pragma warning disable CA5351 // conda's repodata records carry an MD5 beside the SHA-256; it is not used for security.
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
    private long _length;
    private bool _disposed;
    private bool _leaveOpenAfterAsyncDispose;
    private string? _sha256Hex;
    private string? _md5Hex;

    /// <summary>Wraps a stream.</summary>
    /// <param name="inner">The stream written to (or read from).</param>
    /// <param name="leaveOpen">Whether disposing this stream leaves <paramref name="inner"/> open.</param>
    public PackageHashingStream(Stream inner, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _leaveOpen = leaveOpen;
    }

    /// <summary>The lowercase hex SHA-256 of the bytes that passed; reading it ends hashing.</summary>
    public string Sha256Hex
    {
        get
        {
            Finish();
            return _sha256Hex!;
        }
    }

    /// <summary>The lowercase hex MD5 of the bytes that passed; reading it ends hashing.</summary>
    public string Md5Hex
    {
        get
        {
            Finish();
            return _md5Hex!;
        }
    }

    /// <summary>The hashes and size of the bytes that passed; reading it ends hashing.</summary>
    public PackageHashes Hashes => new(Sha256Hex, Md5Hex, _length);

    /// <inheritdoc/>
    public override bool CanRead => _inner.CanRead;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => _inner.CanWrite;

    /// <summary>How many bytes have passed through the stream.</summary>
    public override long Length => _length;

    /// <summary>How many bytes have passed through the stream; it cannot be set.</summary>
    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException("A hashing stream cannot seek.");
    }

    /// <inheritdoc/>
    public override void Flush() => _inner.Flush();

    /// <inheritdoc/>
    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        int read = _inner.Read(buffer);
        Append(buffer[..read]);
        return read;
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <inheritdoc/>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Append(buffer.Span[..read]);
        return read;
    }

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Append(buffer);
        _inner.Write(buffer);
    }

    /// <inheritdoc/>
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <inheritdoc/>
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Append(buffer.Span);
        return _inner.WriteAsync(buffer, cancellationToken);
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A hashing stream cannot seek.");

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException("A hashing stream cannot change its length.");

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            Finish();
            _sha256.Dispose();
            _md5.Dispose();
            if (!_leaveOpen && !_leaveOpenAfterAsyncDispose)
            {
                _inner.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        if (!_disposed && !_leaveOpen)
        {
            await _inner.DisposeAsync().ConfigureAwait(false);
        }

        // The inner stream is closed now; Dispose(true) (from the base) releases the hashes only.
        _leaveOpenAfterAsyncDispose = true;
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        if (_sha256Hex is not null)
        {
            throw new InvalidOperationException("The hashes were already read; no more bytes can pass through the stream.");
        }

        _sha256.AppendData(data);
        _md5.AppendData(data);
        _length += data.Length;
    }

    private void Finish()
    {
        if (_sha256Hex is not null)
        {
            return;
        }

        Span<byte> digest = stackalloc byte[32];
        int written = _sha256.GetHashAndReset(digest);
        _sha256Hex = Convert.ToHexStringLower(digest[..written]);
        written = _md5.GetHashAndReset(digest);
        _md5Hex = Convert.ToHexStringLower(digest[..written]);
    }
}
