using Quetz.Abstractions.Storage;
using Quetz.Host.Storage;

namespace Quetz.Host.Tests.Storage;

public sealed class LocalPackageStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "quetz-store-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly LocalPackageStore _store;

    public LocalPackageStoreTests()
    {
        Directory.CreateDirectory(_root);
        _store = new LocalPackageStore(_root);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static MemoryStream Bytes(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

    private async Task<string?> ReadAsync(string channel, string path)
    {
        await using var stream = await _store.OpenReadAsync(channel, path, CancellationToken.None);
        return stream is null ? null : await new StreamReader(stream).ReadToEndAsync();
    }

    [Fact]
    public async Task Writes_replace_atomically_and_if_not_exists_keeps_the_first()
    {
        Assert.Equal(StoreWriteResult.Written, await _store.PutAsync("c", "linux-64/a.json", Bytes("one"), WriteMode.Overwrite, default));
        var first = await _store.GetInfoAsync("c", "linux-64/a.json", default);
        Assert.Equal(StoreWriteResult.AlreadyExists, await _store.PutAsync("c", "linux-64/a.json", Bytes("two"), WriteMode.IfNotExists, default));
        Assert.Equal("one", await ReadAsync("c", "linux-64/a.json"));
        Assert.Equal(StoreWriteResult.Written, await _store.PutAsync("c", "linux-64/a.json", Bytes("three!"), WriteMode.Overwrite, default));
        var second = await _store.GetInfoAsync("c", "linux-64/a.json", default);
        Assert.Equal(6, second!.Size);
        Assert.NotEqual(first!.ETag, second.ETag);
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "c", "linux-64"), ".*"));
    }

    [Fact]
    public async Task Ranges_list_copy_move_and_delete()
    {
        await _store.PutAsync("c", "noarch/x.txt", Bytes("0123456789"), WriteMode.Overwrite, default);
        await using (var part = await _store.OpenReadAsync("c", "noarch/x.txt", 3, 4, default))
        {
            Assert.Equal("3456", await new StreamReader(part!).ReadToEndAsync());
        }

        await _store.CopyAsync("c", "noarch/x.txt", "d", "noarch/y.txt", default);
        await _store.MoveAsync("d", "noarch/y.txt", "d", "linux-64/z.txt", default);
        Assert.Null(await _store.GetInfoAsync("d", "noarch/y.txt", default));
        Assert.Equal("0123456789", await ReadAsync("d", "linux-64/z.txt"));
        Assert.Equal(["noarch/x.txt"], await _store.ListAsync("c", "", default).Select(f => f.Path).ToListAsync());
        Assert.True(await _store.DeleteAsync("c", "noarch/x.txt", default));
        Assert.False(await _store.DeleteAsync("c", "noarch/x.txt", default));
        await _store.DeleteChannelAsync("d", default);
        Assert.False(Directory.Exists(Path.Combine(_root, "d")));
    }

    [Fact]
    public async Task Listing_a_prefix_walks_only_its_folder_and_never_leaves_the_channel()
    {
        await _store.PutAsync("c", "linux-64/shards/a.msgpack.zst", Bytes("a"), WriteMode.Overwrite, default);
        await _store.PutAsync("c", "linux-64/shards-retired/a", Bytes(""), WriteMode.Overwrite, default);
        await _store.PutAsync("c", "noarch/shards/b.msgpack.zst", Bytes("b"), WriteMode.Overwrite, default);
        await _store.PutAsync("c2", "linux-64/shards/x.msgpack.zst", Bytes("x"), WriteMode.Overwrite, default);

        Assert.Equal(["linux-64/shards/a.msgpack.zst"], await _store.ListAsync("c", "linux-64/shards/", default).Select(f => f.Path).ToListAsync());
        Assert.Equal(["linux-64/shards-retired/a", "linux-64/shards/a.msgpack.zst"],
            (await _store.ListAsync("c", "linux-64/shards", default).Select(f => f.Path).ToListAsync()).Order(StringComparer.Ordinal));
        Assert.Empty(await _store.ListAsync("c", "osx-64/", default).ToListAsync());
        Assert.Empty(await _store.ListAsync("c", "../c2/linux-64/", default).ToListAsync());
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("linux-64/../../escape.txt")]
    [InlineData(".hidden")]
    [InlineData("/etc/passwd")]
    [InlineData("a//b")]
    public async Task Paths_that_leave_the_channel_are_refused(string path)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.PutAsync("c", path, Bytes("x"), WriteMode.Overwrite, default));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.GetInfoAsync("c", path, default));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_root)!, "escape.txt")));
    }
}
