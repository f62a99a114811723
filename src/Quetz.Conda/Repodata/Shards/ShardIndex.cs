namespace Quetz.Conda.Repodata.Shards;

/// <summary>A shard index (<c>repodata_shards.msgpack.zst</c>) as <see cref="ShardIndexReader"/> reads it.</summary>
public sealed class ShardIndex
{
    internal ShardIndex(int version, string subdir, string baseUrl, string shardsBaseUrl, DateTimeOffset? createdAt, IReadOnlyDictionary<string, byte[]> shards)
    {
        Version = version;
        Subdir = subdir;
        BaseUrl = baseUrl;
        ShardsBaseUrl = shardsBaseUrl;
        CreatedAt = createdAt;
        Shards = shards;
    }

    /// <summary>The format version (<c>version</c>); 1 also when the key is missing, as in rattler's indexes.</summary>
    public int Version { get; }

    /// <summary>The subdir (<c>info.subdir</c>).</summary>
    public string Subdir { get; }

    /// <summary>Where the packages are (<c>info.base_url</c>), relative to the index or absolute.</summary>
    public string BaseUrl { get; }

    /// <summary>Where the shards are (<c>info.shards_base_url</c>), relative to the index or absolute.</summary>
    public string ShardsBaseUrl { get; }

    /// <summary>When the index was written (<c>info.created_at</c>), or <c>null</c>.</summary>
    public DateTimeOffset? CreatedAt { get; }

    /// <summary>Package name → the SHA-256 of its shard file, 32 bytes each.</summary>
    public IReadOnlyDictionary<string, byte[]> Shards { get; }
}
