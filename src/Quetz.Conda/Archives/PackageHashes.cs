using System.Buffers;

namespace Quetz.Conda.Archives;

/// <summary>The <c>sha256</c>, <c>md5</c> and <c>size</c> of a package file, as a repodata record carries them.</summary>
/// <param name="Sha256">Lowercase hex SHA-256.</param>
/// <param name="Md5">Lowercase hex MD5.</param>
/// <param name="Size">Length in bytes.</param>
public sealed record PackageHashes(string Sha256, string Md5, long Size)
{
    /// <summary>Reads a stream to its end and hashes what it read, in one pass.</summary>
    /// <param name="stream">The package bytes, from the current position.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The hashes and the number of bytes read.</returns>
    public static async Task<PackageHashes> ComputeAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await using var hashing = new PackageHashingStream(stream, leaveOpen: true);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(128 * 1024);
        try
        {
            while (await hashing.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return hashing.Hashes;
    }
}
