using System.Text.Json.Nodes;

namespace Quetz.Conda.Repodata.Shards;

/// <summary>
/// Reads the parts of shard files with a path in every error (<c>packages['a-1-0.tar.bz2'].md5</c>),
/// and turns MessagePack values back into JSON.
/// </summary>
internal static class ShardDecoding
{
    /// <summary>How deep a value inside a record may nest; real records go two levels deep.</summary>
    public const int MaxValueDepth = 32;

    public static int ReadMapHeader(ref MessagePackReader reader, string path)
    {
        Expect(ref reader, MessagePackType.Map, path, "a map");
        return reader.ReadMapHeader();
    }

    public static int ReadArrayHeader(ref MessagePackReader reader, string path)
    {
        Expect(ref reader, MessagePackType.Array, path, "an array");
        return reader.ReadArrayHeader();
    }

    public static string ReadString(ref MessagePackReader reader, string path)
    {
        Expect(ref reader, MessagePackType.String, path, "a string");
        return reader.ReadString();
    }

    /// <summary>Reads a map key, which must be a string that the map has not had before.</summary>
    public static string ReadKey(ref MessagePackReader reader, string path, HashSet<string> seen)
    {
        int position = reader.Position;
        string key = ReadString(ref reader, path + " key");
        if (!seen.Add(key))
        {
            throw new InvalidShardException($"{path} has the key '{key}' twice (byte {position}).");
        }

        return key;
    }

    public static byte[] ReadHash(ref MessagePackReader reader, string path, int length)
    {
        int position = reader.Position;
        Expect(ref reader, MessagePackType.Binary, path, $"{length} bytes");
        ReadOnlySpan<byte> bytes = reader.ReadBinary();
        if (bytes.Length != length)
        {
            throw new InvalidShardException($"{path} must be {length} bytes, not {bytes.Length} (byte {position}).");
        }

        return bytes.ToArray();
    }

    /// <summary>
    /// Reads a record, converting <c>md5</c>, <c>sha256</c> and <c>legacy_bz2_md5</c> from bytes to hex.
    /// <c>md5</c> and <c>sha256</c> must be bytes (or nil), as CEP-16 says; <c>legacy_bz2_md5</c> may
    /// also be hex, because only rattler converts it.
    /// </summary>
    public static JsonObject ReadRecord(ref MessagePackReader reader, string path)
    {
        int count = ReadMapHeader(ref reader, path);
        var record = new JsonObject();
        var seen = new HashSet<string>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string key = ReadKey(ref reader, path, seen);
            string keyPath = $"{path}.{key}";
            record[key] = key switch
            {
                "md5" => ReadChecksum(ref reader, keyPath, 16, allowHex: false),
                "sha256" => ReadChecksum(ref reader, keyPath, 32, allowHex: false),
                "legacy_bz2_md5" => ReadChecksum(ref reader, keyPath, 16, allowHex: true),
                _ => ReadJson(ref reader, keyPath, 0),
            };
        }

        return record;
    }

    /// <summary>Converts one value to JSON: maps need string keys, and bytes and extensions have no JSON form.</summary>
    public static JsonNode? ReadJson(ref MessagePackReader reader, string path, int depth)
    {
        int position = reader.Position;
        switch (reader.PeekType())
        {
            case MessagePackType.Nil:
                reader.TryReadNil();
                return null;
            case MessagePackType.Boolean:
                return JsonValue.Create(reader.ReadBoolean());
            case MessagePackType.Integer:
                Int128 integer = reader.ReadInteger();
                return integer >= long.MinValue && integer <= long.MaxValue ? JsonValue.Create((long)integer) : JsonValue.Create((ulong)integer);
            case MessagePackType.Float:
                double real = reader.ReadDouble();
                return double.IsFinite(real)
                    ? JsonValue.Create(real)
                    : throw new InvalidShardException($"{path} is {real}, which JSON cannot hold (byte {position}).");
            case MessagePackType.String:
                return JsonValue.Create(reader.ReadString());
            case MessagePackType.Array:
                CheckDepth(path, depth, position);
                int length = reader.ReadArrayHeader();
                var array = new JsonArray();
                for (int i = 0; i < length; i++)
                {
                    array.Add(ReadJson(ref reader, $"{path}[{i}]", depth + 1));
                }

                return array;
            case MessagePackType.Map:
                CheckDepth(path, depth, position);
                int count = reader.ReadMapHeader();
                var obj = new JsonObject();
                var seen = new HashSet<string>(count, StringComparer.Ordinal);
                for (int i = 0; i < count; i++)
                {
                    string key = ReadKey(ref reader, path, seen);
                    obj[key] = ReadJson(ref reader, $"{path}.{key}", depth + 1);
                }

                return obj;
            default:
                throw new InvalidShardException($"{path} is MessagePack {reader.PeekType()}, which JSON cannot hold (byte {position}).");
        }
    }

    /// <summary>Fails unless every byte has been read.</summary>
    public static void ExpectEnd(ref MessagePackReader reader)
    {
        if (!reader.End)
        {
            throw reader.Error("unexpected bytes after the top-level map");
        }
    }

    public static InvalidShardException Missing(string path) => new($"{path} is missing.");

    private static JsonValue? ReadChecksum(ref MessagePackReader reader, string path, int length, bool allowHex)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        if (allowHex && reader.PeekType() == MessagePackType.String)
        {
            return JsonValue.Create(reader.ReadString());
        }

        return JsonValue.Create(Convert.ToHexStringLower(ReadHash(ref reader, path, length)));
    }

    private static void Expect(ref MessagePackReader reader, MessagePackType type, string path, string expected)
    {
        int position = reader.Position;
        MessagePackType actual = reader.PeekType();
        if (actual != type)
        {
            throw new InvalidShardException($"{path} must be {expected}, not MessagePack {actual} (byte {position}).");
        }
    }

    private static void CheckDepth(string path, int depth, int position)
    {
        if (depth >= MaxValueDepth)
        {
            throw new InvalidShardException($"{path} nests deeper than {MaxValueDepth} levels (byte {position}).");
        }
    }
}
