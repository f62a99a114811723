namespace Quetz.Conda.Archives;

/// <summary>
/// The unpacked side of one compressed part (a .tar.bz2, or a .conda's info or pkg tar): counts what the
/// decoder produced and stops at the bounds of <see cref="ScanState"/> before a bomb can do harm.
/// </summary>
internal sealed class ExpansionGuardStream(Stream decoded, ScanState state, Func<long> compressedBytes) : ForwardReadStream
{
    private long _produced;

    /// <summary>Follows the tar structure of what passes, one step ahead of the tar reader.</summary>
    public TarHeaderSentinel Tar { get; } = new(state.Limits.MaxMetadataMemberBytes);

    /// <summary>How many unpacked bytes have been read.</summary>
    public long Produced => _produced;

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        int read = decoded.Read(buffer, offset, count);
        Tar.Observe(buffer.AsSpan(offset, read));
        return Count(read);
    }

    public override int Read(Span<byte> buffer)
    {
        int read = decoded.Read(buffer);
        Tar.Observe(buffer[..read]);
        return Count(read);
    }

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
