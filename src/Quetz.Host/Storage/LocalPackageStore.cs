using System.Globalization;
using System.Runtime.CompilerServices;
using Quetz.Abstractions.Storage;

namespace Quetz.Host.Storage;

/// <summary>
/// The embedded default store: <c>&lt;deployment&gt;/channels/&lt;channel&gt;/&lt;path&gt;</c>. Writes go to a hidden
/// temporary file in the target folder and are renamed into place, so readers never see a partial file.
/// </summary>
internal sealed class LocalPackageStore(string root) : IPackageStore
{
    public async Task<StoreWriteResult> PutAsync(string channel, string path, Stream content, WriteMode mode, CancellationToken cancellationToken)
    {
        var target = FullPath(channel, path);
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        if (mode == WriteMode.IfNotExists && File.Exists(target))
        {
            return StoreWriteResult.AlreadyExists;
        }

        var temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken);
            }

            if (mode == WriteMode.Overwrite)
            {
                File.Move(temporary, target, overwrite: true);
                return StoreWriteResult.Written;
            }

            try
            {
                File.Move(temporary, target, overwrite: false);
                return StoreWriteResult.Written;
            }
            catch (IOException) when (File.Exists(target))
            {
                return StoreWriteResult.AlreadyExists;
            }
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task<StoredFile?> GetInfoAsync(string channel, string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(FullPath(channel, path));
        return Task.FromResult(info.Exists ? Describe(path, info) : null);
    }

    public Task<Stream?> OpenReadAsync(string channel, string path, CancellationToken cancellationToken)
    {
        try
        {
            Stream stream = new FileStream(FullPath(channel, path), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
                81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<StoredContent?> OpenWithInfoAsync(string channel, string path, CancellationToken cancellationToken)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(FullPath(channel, path), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
                81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return Task.FromResult<StoredContent?>(null);
        }

        // Length and time come from the open handle: a rename replacing the path meanwhile does not change this file.
        var modified = File.GetLastWriteTimeUtc(stream.SafeFileHandle);
        var info = new StoredFile(path, stream.Length, new DateTimeOffset(modified, TimeSpan.Zero), ETagOf(stream.Length, modified), stream.Name);
        return Task.FromResult<StoredContent?>(new StoredContent(info, stream));
    }

    public async Task<Stream?> OpenReadAsync(string channel, string path, long offset, long? length, CancellationToken cancellationToken)
    {
        var stream = await OpenReadAsync(channel, path, cancellationToken);
        if (stream is null)
        {
            return null;
        }

        stream.Seek(offset, SeekOrigin.Begin);
        return length is { } count ? new BoundedStream(stream, count) : stream;
    }

    public async IAsyncEnumerable<StoredFile> ListAsync(string channel, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channelRoot = ChannelRoot(channel);

        // Walk only the deepest folder the prefix names: listing one subdir's shards must not stat the whole channel.
        var folder = prefix.LastIndexOf('/') is var slash and > 0 ? Path.Combine(channelRoot, prefix[..slash]) : channelRoot;
        var root = Path.GetFullPath(channelRoot);
        var start = Path.GetFullPath(folder);
        if ((start != root && !start.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) || !Directory.Exists(start))
        {
            yield break;
        }

        foreach (var file in new DirectoryInfo(start).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = Path.GetRelativePath(channelRoot, file.FullName).Replace('\\', '/');
            if (!file.Name.StartsWith('.') && relative.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield return Describe(relative, file);
            }
        }

        await Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string channel, string path, CancellationToken cancellationToken)
    {
        var target = FullPath(channel, path);
        if (!File.Exists(target))
        {
            return Task.FromResult(false);
        }

        File.Delete(target);
        return Task.FromResult(true);
    }

    public async Task CopyAsync(string sourceChannel, string sourcePath, string targetChannel, string targetPath, CancellationToken cancellationToken)
    {
        await using var source = new FileStream(FullPath(sourceChannel, sourcePath), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, true);
        await PutAsync(targetChannel, targetPath, source, WriteMode.Overwrite, cancellationToken);
    }

    public Task MoveAsync(string sourceChannel, string sourcePath, string targetChannel, string targetPath, CancellationToken cancellationToken)
    {
        var target = FullPath(targetChannel, targetPath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(FullPath(sourceChannel, sourcePath), target, overwrite: true);
        return Task.CompletedTask;
    }

    public Task DeleteChannelAsync(string channel, CancellationToken cancellationToken)
    {
        var channelRoot = ChannelRoot(channel);
        if (Directory.Exists(channelRoot))
        {
            Directory.Delete(channelRoot, recursive: true);
        }

        return Task.CompletedTask;
    }

    private static StoredFile Describe(string path, FileInfo info) =>
        new(path, info.Length, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero), ETagOf(info.Length, info.LastWriteTimeUtc), info.FullName);

    private static string ETagOf(long length, DateTime modified) =>
        string.Create(CultureInfo.InvariantCulture, $"\"{length:x}-{modified.Ticks:x}\"");

    private string ChannelRoot(string channel)
    {
        StorePaths.RequireSegment(channel, nameof(channel));
        return Path.Combine(root, channel);
    }

    private string FullPath(string channel, string path) => Path.Combine(ChannelRoot(channel), StorePaths.RequireRelative(path));
}
