using System.Text.Json.Nodes;
using Quetz.Conda.Repodata;

namespace Quetz.Bench.Micro;

/// <summary>
/// A synthetic subdir of pre-serialised records shaped like the load driver's: 5 to 20 versions per name, a few
/// depends each, random checksums (they are what repodata mostly holds, and they do not compress).
/// </summary>
internal static class SyntheticRecords
{
    /// <summary><paramref name="records"/> records grouped by package name, each as (file name, serialised record).</summary>
    public static List<List<KeyValuePair<string, ReadOnlyMemory<byte>>>> ByName(int records)
    {
        var random = new Random(42);
        var byName = new List<List<KeyValuePair<string, ReadOnlyMemory<byte>>>>();
        var total = 0;
        for (var j = 0; total < records; j++)
        {
            var name = $"pkg{j:x5}";
            var versions = Math.Min(5 + (j * 7 % 16), records - total);
            List<KeyValuePair<string, ReadOnlyMemory<byte>>> files = [];
            for (var v = 0; v < versions; v++)
            {
                var json = JsonNode.Parse($$"""
                    {"arch":"x86_64","build":"0","build_number":0,
                     "depends":["lib{{j % 20}} >=1.0","pkg{{j / 2:x5}} >=1.2,<2.0a0","pkg{{j / 3:x5}}"],
                     "license":"BSD","md5":"{{Hex(random, 16)}}","name":"{{name}}","platform":"linux",
                     "sha256":"{{Hex(random, 32)}}","size":{{1000 + (j * 37) + v}},"subdir":"linux-64","timestamp":1599839787252,
                     "version":"1.{{v}}.0","time_modified":1700000000}
                    """)!.AsObject();
                files.Add(new($"{name}-1.{v}.0-0.tar.bz2", RepodataWriter.SerializeRecord(RepodataRecord.FromJson(json))));
            }

            byName.Add(files);
            total += versions;
        }

        return byName;
    }

    private static string Hex(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
