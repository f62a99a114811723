using Quetz.Host.Indexing;

namespace Quetz.Host.Tests.Indexing;

/// <summary>What a repodata transformer may publish and withdraw next to repodata.json.</summary>
public sealed class TransformerFilesTests
{
    private static IndexedRepodata Empty() => new("c", "linux-64", new Dictionary<string, ReadOnlyMemory<byte>>(), new Dictionary<string, ReadOnlyMemory<byte>>(), [], null);

    [Theory]
    [InlineData("numpy-2.0.0-py312_0.conda")]
    [InlineData("numpy-2.0.0-py312_0.tar.bz2")]
    [InlineData("repodata.json")]
    [InlineData("repodata.json.zst")]
    [InlineData("repodata_shards.msgpack.zst")]
    [InlineData("index.html")]
    [InlineData("../channeldata.json")]
    [InlineData("shards/abc.msgpack.zst")]
    [InlineData("")]
    public void Package_files_the_hosts_own_index_files_and_paths_are_neither_published_nor_withdrawn(string name)
    {
        var repodata = Empty();

        Assert.Throws<ArgumentException>(() => repodata.AddFile(name, new byte[] { 1 }));
        Assert.Throws<ArgumentException>(() => repodata.RemoveFile(name));
        Assert.Empty(repodata.Files);
        Assert.Empty(repodata.WithdrawnFiles);
    }

    [Fact]
    public void The_last_word_of_a_build_on_a_file_counts()
    {
        var repodata = Empty();

        repodata.AddFile("run_exports.json", new byte[] { 1 });
        repodata.RemoveFile("run_exports.json");
        repodata.RemoveFile("current_repodata.json");
        repodata.AddFile("current_repodata.json", new byte[] { 2 });

        Assert.Equal(["current_repodata.json"], repodata.Files.Keys);
        Assert.Equal(["run_exports.json"], repodata.WithdrawnFiles);
    }
}
