using System.Security.Cryptography;

namespace Quetz.Conda.Repodata.Shards;

/// <summary>
/// One written shard: the bytes of its <c>.msgpack.zst</c> file and their SHA-256, which is both its
/// entry in the shard index and its file name.
/// </summary>
public sealed class Shard
{
    internal Shard(byte[] content)
    {
        Content = content;
        Sha256 = SHA256.HashData(content);
    }

    /// <summary>The file's bytes: zstd-compressed MessagePack.</summary>
    public byte[] Content { get; }

    /// <summary>The SHA-256 of <see cref="Content"/>, 32 bytes.</summary>
    public byte[] Sha256 { get; }

    /// <summary><see cref="Sha256"/> as lower-case hex.</summary>
    public string Sha256Hex => Convert.ToHexStringLower(Sha256);

    /// <summary>The file name under <c>shards_base_url</c>: <c>&lt;sha256 hex&gt;.msgpack.zst</c>.</summary>
    public string FileName => ShardFiles.ShardFileName(Sha256);
}
