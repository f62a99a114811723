namespace Quetz.Abstractions.Storage;

/// <summary>
/// Where package files and index files live: the local filesystem by default, S3 and others as plugins.
/// Paths are relative to a channel (<c>linux-64/pkg-1.0-0.tar.bz2</c>, <c>channeldata.json</c>) and always use '/'.
/// Every write is atomic: a reader sees the old file or the new one, never a part.
/// </summary>
public interface IPackageStore
{
    /// <summary>
    /// Writes <paramref name="content"/> (read to its end) to <paramref name="path"/> in <paramref name="channel"/>.
    /// With <see cref="WriteMode.IfNotExists"/> an existing file is left alone and the result says so.
    /// </summary>
    Task<StoreWriteResult> PutAsync(string channel, string path, Stream content, WriteMode mode, CancellationToken cancellationToken);

    /// <summary>Size, modification time and ETag of a file, or null when it does not exist.</summary>
    Task<StoredFile?> GetInfoAsync(string channel, string path, CancellationToken cancellationToken);

    /// <summary>Opens a file for reading, or returns null when it does not exist. The caller disposes the stream.</summary>
    Task<Stream?> OpenReadAsync(string channel, string path, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a file together with its metadata, both of the same version of the file: a file replaced between a
    /// separate <see cref="GetInfoAsync"/> and <see cref="OpenReadAsync(string, string, CancellationToken)"/> would
    /// otherwise be sent with the old one's length. Null when it does not exist; the caller disposes the content.
    /// </summary>
    Task<StoredContent?> OpenWithInfoAsync(string channel, string path, CancellationToken cancellationToken);

    /// <summary>
    /// Opens <paramref name="length"/> bytes of a file from <paramref name="offset"/> (to the end when null), or
    /// returns null when it does not exist. Serves HTTP range requests without reading what comes before.
    /// </summary>
    Task<Stream?> OpenReadAsync(string channel, string path, long offset, long? length, CancellationToken cancellationToken);

    /// <summary>Every file of the channel whose path starts with <paramref name="prefix"/> (all files for "").</summary>
    IAsyncEnumerable<StoredFile> ListAsync(string channel, string prefix, CancellationToken cancellationToken);

    /// <summary>Removes a file; false when there was none.</summary>
    Task<bool> DeleteAsync(string channel, string path, CancellationToken cancellationToken);

    /// <summary>Copies a file, possibly into another channel, replacing the target.</summary>
    Task CopyAsync(string sourceChannel, string sourcePath, string targetChannel, string targetPath, CancellationToken cancellationToken);

    /// <summary>Moves a file within or between channels, replacing the target.</summary>
    Task MoveAsync(string sourceChannel, string sourcePath, string targetChannel, string targetPath, CancellationToken cancellationToken);

    /// <summary>Removes a channel with all its files.</summary>
    Task DeleteChannelAsync(string channel, CancellationToken cancellationToken);
}

/// <summary>How <see cref="IPackageStore.PutAsync"/> treats an existing file.</summary>
public enum WriteMode
{
    /// <summary>Replace it.</summary>
    Overwrite,

    /// <summary>Keep it and report <see cref="StoreWriteResult.AlreadyExists"/>; used for content-addressed files.</summary>
    IfNotExists,
}

/// <summary>What <see cref="IPackageStore.PutAsync"/> did.</summary>
public enum StoreWriteResult
{
    /// <summary>The file was written.</summary>
    Written,

    /// <summary>The file existed and <see cref="WriteMode.IfNotExists"/> left it alone.</summary>
    AlreadyExists,
}

/// <summary>An open stored file and its metadata.</summary>
/// <param name="Info">Size, modification time and ETag of the opened version.</param>
/// <param name="Content">The bytes, seekable where the store allows.</param>
public sealed record StoredContent(StoredFile Info, Stream Content);

/// <summary>A stored file's metadata.</summary>
/// <param name="Path">The path relative to the channel.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="LastModified">When it was last written.</param>
/// <param name="ETag">A strong entity tag, quoted, that changes whenever the content changes.</param>
/// <param name="PhysicalPath">For stores on the local filesystem, the file's full path (lets the server use sendfile); else null.</param>
public sealed record StoredFile(string Path, long Size, DateTimeOffset LastModified, string ETag, string? PhysicalPath = null);
