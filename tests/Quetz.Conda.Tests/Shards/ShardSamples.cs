using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Quetz.Conda.Repodata;
using Quetz.Conda.Repodata.Shards;

namespace Quetz.Conda.Tests.Shards;

/// <summary>Records in the form the indexer holds them (compact JSON from RepodataWriter.SerializeRecord), and msgpack by hand.</summary>
internal static class ShardSamples
{
    public const string Md5 = "2456071b5d040cba000f72ced5c72032";
    public const string Sha256 = "a38347390191fd3e60b17204f2f6470a013ec8753e1c2e8c9a892683f59c3e40";

    public static ReadOnlyMemory<byte> Record(string json) =>
        RepodataWriter.SerializeRecord(RepodataRecord.Parse(Encoding.UTF8.GetBytes(json)));

    public static KeyValuePair<string, ReadOnlyMemory<byte>> Entry(string fileName, string json) => new(fileName, Record(json));

    public static string Text(ReadOnlyMemory<byte> record) => Encoding.UTF8.GetString(record.Span);

    /// <summary>A record back in SerializeRecord's form, to compare with what went in.</summary>
    public static string Canonical(JsonObject record) => Text(RepodataWriter.SerializeRecord(RepodataRecord.FromJson(record)));

    public static List<KeyValuePair<string, ReadOnlyMemory<byte>>> Packages() =>
    [
        Entry("rich-10.15.2-pyhd8ed1ab_1.tar.bz2", $$"""
            {"build":"pyhd8ed1ab_1","build_number":1,"depends":["colorama >=0.4.0,<0.5.0","python >=3.6.2"],
             "license":"MIT","md5":"{{Md5}}","name":"rich","noarch":"python","sha256":"{{Sha256}}",
             "size":153963,"subdir":"noarch","timestamp":1638891318904,"version":"10.15.2"}
            """),
        Entry("rich-10.16.0-pyhd8ed1ab_0.tar.bz2", $$"""
            {"build":"pyhd8ed1ab_0","build_number":0,"depends":[],"md5":"{{new string('0', 32)}}","name":"rich",
             "sha256":"{{new string('f', 64)}}","size":5000000000,"version":"10.16.0","noarch":null}
            """),
    ];

    public static List<KeyValuePair<string, ReadOnlyMemory<byte>>> CondaPackages() =>
    [
        Entry("rich-13.7.1-pyhd8ed1ab_0.conda", $$$"""
            {"build":"pyhd8ed1ab_0","build_number":0,"depends":["markdown-it-py >=2.2.0","python >=3.7.0"],
             "md5":"{{{Md5}}}","name":"rich","sha256":"{{{Sha256}}}","size":184347,
             "summary":"caf\u00e9 \u2615 \ud83d\ude00 \"quoted\" \\ back","ratio":0.1,"big":1e16,"tiny":-2.5e-7,
             "negative":-1099511627776,"small":-5,"u64":18446744073709551615,"flag":true,"off":false,
             "nested":{"a":[1,[2,{"b":null}]],"empty":{}},"long":"{{{new string('x', 300)}}}",
             "legacy_bz2_md5":"{{{Md5}}}","timestamp":1709150578093,"version":"13.7.1"}
            """),
        Entry("rich-13.7.0-pyhd8ed1ab_0.conda", """
            {"build":"pyhd8ed1ab_0","name":"rich","version":"13.7.0","md5":null}
            """),
    ];

    public static List<string> Removed() => ["rich-10.15.1-pyhd8ed1ab_1.tar.bz2", "rich-10.0.0-py_0.tar.bz2", "rich-10.15.1-pyhd8ed1ab_1.tar.bz2"];

    public static Shard Write(int level = ShardFiles.DefaultZstdLevel) => ShardWriter.Write(Packages(), CondaPackages(), Removed(), level);

    /// <summary>Hand-made MessagePack, compressed as a file would be.</summary>
    public static byte[] Compressed(Action<ArrayBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return ShardCompression.Compress(buffer.WrittenSpan, 3);
    }

    public static void Key(IBufferWriter<byte> output, string key) => MessagePackWriter.WriteString(output, key);
}
